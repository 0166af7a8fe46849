"""Joining an agency takes the joiner's consent: its administrator invites a username
(the same answer whether or not that account exists), the holder accepts or declines,
invitations expire and can be withdrawn, and every step is in the audit trail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Invitation, Membership
from tests.factories import PASSWORD, UserFactory
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


def signed_in(username):
    browser = Client()
    answer = browser.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert answer.status_code == 302, answer.content
    return browser


def invite(browser, bench, username, role="viewer", unit=None):
    data = {"action": "invite", "invite-username": username, "invite-role": role}
    if unit is not None:
        data["invite-unit"] = unit.pk
    response = browser.post(reverse("members", args=[bench.agency.pk]), data)
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_the_answer_does_not_tell_whether_an_account_exists(bench):
    UserFactory(username="somjai")
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    admin = signed_in("admin")
    told = {name: invite(admin, bench, name, "admin") for name in ("somjai", "nobody", "root")}
    assert told["somjai"].replace("somjai", "X") == told["nobody"].replace("nobody", "X")
    assert told["root"].replace("root", "X") == told["nobody"].replace("nobody", "X")
    assert told["somjai"].startswith("บันทึกคำเชิญ somjai ในบทบาทผู้ดูแลระบบของหน่วยงานแล้ว ใช้ได้ถึง ")
    # Nobody joined: an existing user, and a superuser, are only invited.
    assert not Membership.objects.filter(user__username__in=["somjai", "root"]).exists()
    assert sorted(Invitation.objects.values_list("username", "state")) == [
        ("nobody", "pending"),
        ("root", "pending"),
        ("somjai", "pending"),
    ]


def test_the_invited_user_accepts_and_becomes_a_member(bench):
    UserFactory(username="somjai", first_name="สมใจ")
    admin = signed_in("admin")
    invite(admin, bench, "somjai", "unit_editor", bench.finance)
    somjai = signed_in("somjai")
    home = somjai.get(reverse("home")).content.decode()
    assert "คำเชิญที่รอท่านตอบ" in home and bench.agency.name in home
    work = somjai.get(reverse("my_work"))
    assert [i.username for i in work.context["work"].invitations] == ["somjai"]
    assert work.context["work"].count == 1  # the badge in the header counts it
    invitation = Invitation.objects.get(username="somjai")
    assert somjai.get(reverse("agency", args=[bench.agency.pk])).status_code == 404
    accepted = somjai.post(reverse("answer_invitation", args=[invitation.pk, "accept"]))
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("agency", args=[bench.agency.pk])
    membership = Membership.objects.get(user__username="somjai", agency=bench.agency)
    assert (membership.role, membership.unit) == ("unit_editor", bench.finance)
    invitation.refresh_from_db()
    assert invitation.state == "accepted" and invitation.answered is not None
    assert somjai.get(reverse("agency", args=[bench.agency.pk])).status_code == 200
    # Accepting twice does nothing more.
    again = somjai.post(reverse("answer_invitation", args=[invitation.pk, "accept"]))
    assert again.status_code == 302 and again["Location"] == reverse("home")
    trail = LogEntry.objects.get_for_model(Invitation).filter(object_id=invitation.pk)
    assert [e.action for e in trail.order_by("pk")] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert {e.additional_data["agency"] for e in trail} == {bench.agency.pk}
    assert trail.order_by("pk").last().actor.username == "somjai"
    joined = LogEntry.objects.get_for_model(Membership).get(
        action=LogEntry.Action.CREATE, actor__username="somjai"
    )
    assert joined.additional_data == {"agency": bench.agency.pk}


def test_declined_expired_withdrawn_and_others_invitations_make_no_member(bench):
    for name in ("somjai", "malee", "mana", "chai"):
        UserFactory(username=name)
    admin = signed_in("admin")
    for name in ("somjai", "malee", "mana"):
        invite(admin, bench, name)
    declined = signed_in("somjai")
    declined.post(
        reverse("answer_invitation", args=[Invitation.objects.get(username="somjai").pk, "decline"])
    )
    Invitation.objects.filter(username="malee").update(
        expires=timezone.now() - timedelta(minutes=1)
    )
    malee = signed_in("malee")
    assert "คำเชิญที่รอท่านตอบ" not in malee.get(reverse("home")).content.decode()
    expired = malee.post(
        reverse("answer_invitation", args=[Invitation.objects.get(username="malee").pk, "accept"])
    )
    assert expired["Location"] == reverse("home")
    withdrawn = Invitation.objects.get(username="mana")
    assert (
        admin.post(reverse("withdraw_invitation", args=[bench.agency.pk, withdrawn.pk])).status_code
        == 302
    )
    signed_in("mana").post(reverse("answer_invitation", args=[withdrawn.pk, "accept"]))
    # Someone else's invitation cannot be answered.
    invite(admin, bench, "somjai", "coordinator")
    pending = Invitation.objects.get(username="somjai", state="pending")
    signed_in("chai").post(reverse("answer_invitation", args=[pending.pk, "accept"]))
    assert not Membership.objects.filter(
        user__username__in=["somjai", "malee", "mana", "chai"]
    ).exists()
    assert dict(Invitation.objects.exclude(pk=pending.pk).values_list("username", "state")) == {
        "somjai": "declined",
        "malee": "pending",  # expired: shown so on the members page
        "mana": "withdrawn",
    }
    page = admin.get(reverse("members", args=[bench.agency.pk]))
    states = {i.username: (i.state, i.expired) for i in page.context["invitations"]}
    assert states["malee"] == ("pending", True) and states["mana"] == ("withdrawn", False)


def test_inviting_again_renews_and_a_members_role_changes_at_once(bench):
    admin = signed_in("admin")
    invite(admin, bench, "nobody", "viewer")
    first = Invitation.objects.get(username="nobody")
    Invitation.objects.filter(pk=first.pk).update(expires=timezone.now() + timedelta(days=1))
    invite(admin, bench, "nobody", "coordinator")
    renewed = Invitation.objects.get(username="nobody")
    assert renewed.pk == first.pk and renewed.role == "coordinator"
    assert renewed.expires > timezone.now() + timedelta(days=13)
    told = invite(admin, bench, "viewer", "coordinator")  # already a member: listed on the page
    assert told == "viewer เป็นผู้ประสานงาน ITAแล้ว"
    assert (
        Membership.objects.get(agency=bench.agency, user__username="viewer").role == "coordinator"
    )


def test_a_new_account_cannot_take_over_an_existing_one(bench):
    UserFactory(username="somjai")
    admin = signed_in("admin")
    page = admin.post(
        reverse("members", args=[bench.agency.pk]),
        {"action": "create", "create-username": "SomJai", "create-role": "admin"},
    )
    assert page.status_code == 200
    assert "สร้างบัญชีใหม่ด้วยชื่อผู้ใช้นี้ไม่ได้" in page.content.decode()
    assert not Membership.objects.filter(user__username="somjai").exists()
    created = admin.post(
        reverse("members", args=[bench.agency.pk]),
        {"action": "create", "create-username": "malee", "create-role": "viewer"},
        follow=True,
    )
    assert re.search(r"\(แสดงครั้งเดียว\): \S+", created.content.decode())
    assert Membership.objects.get(user__username="malee").role == "viewer"
