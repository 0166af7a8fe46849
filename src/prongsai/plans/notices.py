"""E-mail notices of the plan's workflow: a plan waits for approval, a plan was sent
back, a progress round opened. Off unless the server can send e-mail (EMAIL_HOST, or the
demo's console backend); sent after the change is committed, to members with an address,
and never allowed to undo the change they report."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from prongsai.accounts.services import email_configured
from prongsai.agencies.models import Membership, Role
from prongsai.plans.models import Plan, PlanReturn, ProgressRound

log = logging.getLogger(__name__)


def _addresses(plan: Plan, roles: Iterable[str], unit_ids: set[int] | None = None) -> list[str]:
    members = Membership.objects.filter(agency=plan.agency, role__in=list(roles)).select_related(
        "user"
    )
    return sorted(
        {
            m.user.email
            for m in members
            if m.user.email
            and (unit_ids is None or m.role != Role.UNIT_EDITOR or m.unit_id in unit_ids)
        }
    )


def _send(subject: str, body: str, to: list[str]) -> None:
    if not to or not email_configured():
        return

    def deliver() -> None:
        message = (subject, body, settings.DEFAULT_FROM_EMAIL, to)
        try:
            send_mass_mail([message], fail_silently=False)
        except Exception:  # a notice must never turn a saved change into an error
            log.warning("could not send the notice %r to %s", subject, to, exc_info=True)

    transaction.on_commit(deliver)


def plan_submitted(plan: Plan) -> None:
    _send(
        f"[prongsai] แผนมาตรการปี {plan.fiscal_year} รออนุมัติ — {plan.agency.name}",
        f"แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {plan.fiscal_year} "
        f'ของ{plan.agency.name} ส่งขออนุมัติแล้ว กรุณาตรวจและอนุมัติในเมนู "งานของฉัน"',
        _addresses(plan, [Role.EXECUTIVE]),
    )


def plan_returned(returned: PlanReturn) -> None:
    plan = returned.plan
    _send(
        f"[prongsai] แผนมาตรการปี {plan.fiscal_year} ถูกส่งกลับให้แก้ไข — {plan.agency.name}",
        f"ผู้บริหารส่งแผนมาตรการปีงบประมาณ {plan.fiscal_year} กลับให้แก้ไข โดยให้ความเห็นว่า:\n\n"
        f"{returned.comment}\n",
        _addresses(plan, [Role.COORDINATOR, Role.ADMIN]),
    )


def round_opened(progress_round: ProgressRound) -> None:
    plan = progress_round.plan
    unit_ids: set[int] = set(
        plan.measures.active().values_list("units__id", flat=True).exclude(units__id=None)
    )
    _send(
        f"[prongsai] เปิดรอบรายงานผล {progress_round.months} เดือน ปี {plan.fiscal_year} "
        f"— {plan.agency.name}",
        f"เปิดรอบรายงานผลการดำเนินการตามมาตรการ รอบ {progress_round.months} เดือน "
        f'ปีงบประมาณ {plan.fiscal_year} แล้ว กรุณาบันทึกผลของมาตรการที่รับผิดชอบในเมนู "งานของฉัน"',
        _addresses(plan, [Role.UNIT_EDITOR, Role.COORDINATOR], unit_ids),
    )
