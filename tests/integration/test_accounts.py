"""Accounts: a password chosen by an administrator must be replaced at first login; every
user can change theirs; a forgotten one is reset by e-mail when e-mail is configured."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.workbench import build

pytestmark = pytest.mark.django_db


def logs_in(client, username, password):
    """Through the login page, as a person does (django-axes needs the request)."""
    return (
        client.post(reverse("login"), {"username": username, "password": password}).status_code
        == 302
    )


def test_a_new_member_chooses_their_own_password_before_anything_else(client):
    bench = build()
    client.force_login(bench.users["admin"])
    page = client.post(
        reverse("members", args=[bench.agency.pk]),
        {
            "action": "create",
            "create-username": "malee",
            "create-full_name": "นางมาลี ใจดี",
            "create-role": "viewer",
        },
        follow=True,
    )
    password = re.search(r"\(แสดงครั้งเดียว\): ([^\s<]+)", page.content.decode()).group(1)
    client.logout()
    assert logs_in(client, "malee", password)
    home = client.get(reverse("agency", args=[bench.agency.pk]))
    assert home.status_code == 302 and home["Location"] == reverse("password_change")
    form = client.get(reverse("password_change"))
    assert form.context["required"] is True
    done = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "ดอกมะลิ-2570!",
            "new_password2": "ดอกมะลิ-2570!",
        },
    )
    assert done.status_code == 302
    assert client.get(reverse("agency", args=[bench.agency.pk])).status_code == 200
    client.logout()
    assert logs_in(client, "malee", "ดอกมะลิ-2570!")


def test_every_user_can_change_their_password(client):
    bench = build()
    client.force_login(bench.users["viewer"])
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and page.context["required"] is False
    wrong = client.post(
        reverse("password_change"),
        {
            "old_password": "not-it",
            "new_password1": "x-Strong-2570",
            "new_password2": "x-Strong-2570",
        },
    )
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors


def test_a_forgotten_password_is_reset_by_email(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    bench = build()
    user = bench.users["coordinator"]
    user.email = "somsri@konnim.go.th"
    user.save()
    client.post(reverse("password_reset"), {"email": "somsri@konnim.go.th"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "ใหม่-Strong-2570", "new_password2": "ใหม่-Strong-2570"},
    )
    assert logs_in(client, user.username, "ใหม่-Strong-2570")


def test_no_reset_page_without_email(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    assert client.get(reverse("password_reset")).status_code == 404
