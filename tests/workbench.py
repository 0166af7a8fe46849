"""A realistic agency for workbench tests: results, an approved plan, a progress round
with evidence, and a user for every role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.agencies.models import Agency, DocumentTemplate, Unit
from prongsai.agencies.services import ensure_default_units, save_assessment
from prongsai.documents.docx import builtin_template
from prongsai.plans import services
from prongsai.plans.models import Measure, Plan
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.helpers import SEED_000, example

ROLES = ("admin", "coordinator", "unit_editor", "executive", "viewer")
# Who plays each role in the tests: the people of a small อบต.
PERSONAS = {
    "admin": "สมชาย ผู้ดูแลระบบ",
    "coordinator": "สมศรี ผู้ประสานงาน ITA",
    "unit_editor": "วิชัย กองคลัง",
    "executive": "สมศักดิ์ นายก อบต.",
    "viewer": "มานี ผู้ตรวจดู",
}
PDF_BYTES = b"%PDF-1.4\n% evidence\n"


@dataclass
class Workbench:
    agency: Agency
    plan: Plan
    users: dict[str, Any] = field(default_factory=dict)
    finance: Unit | None = None


def build(name: str = "องค์การบริหารส่วนตำบลคอนนิม", prefix: str = "") -> Workbench:
    agency = AgencyFactory(name=name)
    ensure_default_units(agency=agency)
    save_assessment(agency=agency, document=example(SEED_000) | {"agency": name})
    office = agency.units.get(name="สำนักปลัด")
    finance = agency.units.get(name="กองคลัง")
    users = {}
    for role in ROLES:
        user = UserFactory(username=f"{prefix}{role}", first_name=PERSONAS[role])
        MembershipFactory(
            user=user, agency=agency, role=role, unit=finance if role == "unit_editor" else None
        )
        users[role] = user
    plan = services.plan_for(agency=agency, fiscal_year=2566)
    for number, (title, unit) in enumerate(
        [("เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์", office), ("เผยแพร่แผนการใช้จ่ายงบประมาณ", finance)], start=1
    ):
        measure = Measure.objects.create(
            plan=plan,
            number=number,
            title=title,
            steps="ขั้นที่หนึ่ง\nขั้นที่สอง",
            start=date(2022, 10, 1),
            end=date(2023, 3, 1),
            follow_up="รายงานรอบ ๖ เดือน",
            indicators=[9] if number == 1 else [2],
            oit_items=["O1"] if number == 1 else [],
        )
        measure.units.set([unit])
    services.submit(plan=plan, user=users["coordinator"])
    services.approve(plan=plan, user=users["executive"])
    progress_round = services.open_round(plan=plan, months=6, as_of=date(2023, 3, 31))
    entry = progress_round.entries.get(measure__number=2)
    services.add_evidence(
        entry=entry,
        user=users["coordinator"],
        upload=SimpleUploadedFile("ประกาศแผน.pdf", PDF_BYTES),
    )
    DocumentTemplate.objects.create(
        agency=agency, kind="memo", name="memo.docx", content=builtin_template("memo")
    )
    return Workbench(agency, plan, users, finance)
