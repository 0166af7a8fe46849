"""E-mail notices: a plan waiting for approval reaches the executive, a plan sent back
reaches the coordinator, an opened round reaches the units concerned; nothing is sent
when the server has no e-mail, and a failing mail server never undoes the change."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from prongsai.plans import services
from prongsai.plans.models import Plan
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    bench = build()
    for role, user in bench.users.items():
        user.email = f"{role}@konnim.example"
        user.save()
    plan = bench.plan
    services.reopen(plan=plan)
    mail.outbox.clear()
    return bench


def test_submission_return_and_round_reach_the_right_people(
    bench, django_capture_on_commit_callbacks
):
    plan = bench.plan
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(plan=plan, user=bench.users["coordinator"])
    assert [m.to for m in mail.outbox] == [["executive@konnim.example"]]
    assert "รออนุมัติ" in mail.outbox[0].subject and "2566" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.return_plan(plan=plan, user=bench.users["executive"], comment="เพิ่มตัวชี้วัด")
    assert mail.outbox[1].to == ["admin@konnim.example", "coordinator@konnim.example"]
    assert "เพิ่มตัวชี้วัด" in mail.outbox[1].body
    services.submit(plan=plan, user=bench.users["coordinator"])
    services.approve(plan=plan, user=bench.users["executive"])
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(plan=plan, months=12, as_of=date(2023, 9, 30))
    # the unit editor's unit (กองคลัง) has a measure in the plan
    assert mail.outbox[-1].to == ["coordinator@konnim.example", "unit_editor@konnim.example"]


def test_no_email_configured_sends_nothing(bench, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(plan=bench.plan, user=bench.users["coordinator"])
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_submission(
    bench, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(plan=bench.plan, user=bench.users["coordinator"])
    assert Plan.objects.get(pk=bench.plan.pk).status == "submitted"
