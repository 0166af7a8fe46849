"""Demo data: the seed agencies with their real results, and one of them (อบต.คอนนิม)
in the middle of its fiscal year: units, signers, a user for every role, an approved and
published measures plan and a six-month progress round, all from examples/."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from prongsai import library
from prongsai.accounts.services import password_changed
from prongsai.agencies.models import Agency, Assessment, Person, Unit, kind_from_name
from prongsai.agencies.services import add_member, ensure_default_units, save_assessment
from prongsai.cli.demo_survey import add_demo_survey
from prongsai.engine.yamlio import load_yaml
from prongsai.thai import month_start

ADMIN_USERNAME = "admin"
# The agency the demo brings to mid-year, and who works there.
WORKBENCH_AGENCY = "องค์การบริหารส่วนตำบลคอนนิม"
WORKBENCH_USERS = (
    ("somsri", "นางสาวสุดารัตน์ ใจดี", "coordinator", None),
    ("kongkhlang", "นายวิชัย คลังดี", "unit_editor", "กองคลัง"),
    ("nayok", "นายสมศักดิ์ รักษ์ถิ่น", "executive", None),
    ("public-viewer", "ผู้ตรวจดูข้อมูล", "viewer", None),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    others: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, password
    overseers: list[tuple[str, str, str]] = field(default_factory=list)  # of oversight bodies


@transaction.atomic
def load_demo() -> DemoLogin:
    """Create or refresh the demo agencies and reset every demo user's password."""
    folder = library.examples_dir()
    listing = load_yaml((folder / "demo-agencies.yaml").read_text(encoding="utf-8"))
    for entry in listing["agencies"]:
        agency, _ = Agency.objects.update_or_create(
            name=entry["name"],
            defaults={
                "kind": kind_from_name(entry["name"]),
                "province": entry.get("province", ""),
                "district": entry.get("district", ""),
            },
        )
        ensure_default_units(agency=agency)
        for filename in entry["results"]:
            document = load_yaml((folder / filename).read_text(encoding="utf-8"))
            save_assessment(agency=agency, document=document, source=f"examples/{filename}")
    password = secrets.token_urlsafe(9)
    user, _ = get_user_model().objects.get_or_create(username=ADMIN_USERNAME)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    others = _mid_year(Agency.objects.get(name=WORKBENCH_AGENCY))
    return DemoLogin(ADMIN_USERNAME, password, others, _province())


# A made-up province whose agencies have generated results (marked as such), and the
# provincial officer who oversees them (and the real ขอนแก่น agencies of the demo).
DEMO_PROVINCE = "สาธิตบุรี"
DEMO_DISTRICTS = ["เมืองสาธิตบุรี", "บ้านนา", "หนองสระ", "โคกงาม", "ท่าทราย", "ห้วยไผ่", "วังน้ำ"]
OFFICER = (
    "provincial",
    "นางประภา ท้องถิ่นจังหวัด",
    "ท้องถิ่นจังหวัด นำเข้าผลของสาธิตบุรีได้ / provincial officer, imports สาธิตบุรี's results",
)


def _province() -> list[tuple[str, str, str]]:
    from prongsai.oversight.queries import body_by_name
    from prongsai.oversight.services import add_body_member, create_body, load_demo_province

    body = load_demo_province(
        province=DEMO_PROVINCE,
        districts=DEMO_DISTRICTS,
        count=320,
        years=(2565, 2566),
        registry=library.registry(),
    )
    khon_kaen = body_by_name("จังหวัดขอนแก่น") or create_body(
        name="จังหวัดขอนแก่น", kind="province", province="ขอนแก่น"
    )
    username, full_name, role = OFFICER
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name = full_name
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save()
    password_changed(user=user)  # the demo prints the password to use as it is
    add_body_member(body=body, user=user, role="manager")  # imports the province's list
    add_body_member(body=khon_kaen, user=user)
    return [(username, role, password)]


def _mid_year(agency: Agency) -> list[tuple[str, str, str]]:
    from prongsai.documents.inputs import read_agency, read_yaml_file

    folder = library.examples_dir()
    details = read_agency(read_yaml_file(folder / "agency-konnim.yaml"))
    agency.phone, agency.document_prefix = details.phone, details.document_prefix
    agency.save()
    for role, who in (
        ("officer", details.officer),
        ("head", details.head),
        ("executive", details.executive),
    ):
        if who is not None:
            Person.objects.update_or_create(
                agency=agency,
                signs_as=role,
                defaults={"name": who.name, "positions": "\n".join(who.positions)},
            )
    logins = []
    users = {}
    for username, full_name, role, unit_name in WORKBENCH_USERS:
        unit = Unit.objects.filter(agency=agency, name=unit_name).first() if unit_name else None
        membership, _ = add_member(
            agency=agency, username=username, role=role, unit=unit, full_name=full_name
        )
        password = secrets.token_urlsafe(9)
        membership.user.set_password(password)
        membership.user.email = f"{username}@konnim.example"  # the demo prints its e-mails
        membership.user.save()
        password_changed(user=membership.user)  # the demo prints its passwords to use as they are
        users[role] = membership.user
        logins.append((username, membership.get_role_display(), password))
    Assessment.objects.filter(agency=agency).update(published=timezone.now())

    with set_actor(users["coordinator"]):  # the audit trail names who did what, as on the web
        _plan_and_round(agency, users)
        _oit_workspace(agency, users)
    add_demo_survey(agency)
    return logins


def _plan_and_round(agency: Agency, users: dict[str, Any]) -> None:
    from prongsai.documents.inputs import read_plan, read_progress, read_yaml_file
    from prongsai.plans import services
    from prongsai.plans.models import Measure, Plan

    folder = library.examples_dir()
    plan_data = read_plan(read_yaml_file(folder / "measures-konnim-2566.yaml"))
    plan = services.plan_for(agency=agency, fiscal_year=plan_data.fiscal_year)
    if not plan.measures.exists():
        for item in plan_data.measures:
            measure = Measure.objects.create(
                plan=plan,
                number=item.number,
                title=item.title,
                steps="\n".join(item.steps),
                start=month_start(item.start),
                end=month_start(item.end),
                follow_up=item.follow_up,
                kpi=item.kpi,
                indicators=list(item.indicators),
                oit_items=list(item.oit_items),
            )
            measure.units.set(
                [Unit.objects.get_or_create(agency=agency, name=name)[0] for name in item.units]
            )
    if plan.status == Plan.Status.DRAFT:
        services.submit(plan=plan, user=users["coordinator"])
    if plan.status == Plan.Status.SUBMITTED:
        services.approve(plan=plan, user=users["executive"])
    services.publish_plan(plan=plan, published=True)

    progress = read_progress(read_yaml_file(folder / "progress-konnim-2566-r6.yaml"), plan_data)
    progress_round = plan.rounds.filter(months=progress.round).first() or services.open_round(
        plan=plan, months=progress.round, as_of=progress.as_of
    )
    if progress_round.published is not None:
        return  # loaded before: a published round stays as published
    for item in progress.entries:
        entry = progress_round.entries.get(measure__number=item.measure)
        values = {
            "status": item.status,
            "done": item.done,
            "done_on": item.when,
            "problems": item.problems,
            "solutions": item.solutions,
            "reason": item.reason,
        }
        services.record_progress(entry=entry, values=values, user=users["coordinator"])
        for link in item.evidence:
            if link.startswith("http") and not entry.evidence.filter(url=link).exists():
                services.add_evidence(entry=entry, user=users["coordinator"], url=link)
    services.publish_round(progress_round=progress_round, published=True)


DEMO_SITE = "https://www.konnim.go.th"


def _oit_workspace(agency: Agency, users: dict[str, Any]) -> None:
    """The coming ITA year's OIT workspace, opened from last year's (recorded here as
    approved on the website), with a few items assigned, filled and reviewed."""
    from datetime import timedelta

    from prongsai.oit import queries, services

    coming = queries.coming_year()
    if queries.workspace_of(agency, coming) is not None:
        return
    if not agency.website:
        agency.website = DEMO_SITE
        agency.save(update_fields=["website"])
    last = services.open_workspace(agency=agency, fiscal_year=coming - 1, user=users["coordinator"])
    for answer in last.answers.all():
        if answer.status == answer.Status.NOT_STARTED:
            services.fill(
                answer=answer,
                values={
                    "available": True,
                    "urls": f"{DEMO_SITE}/ita/{coming - 1}/{answer.code.lower()}",
                    "explanation": f"เมนู ITA {coming - 1} > {answer.code} เอกสารอยู่ด้านบนของหน้า",
                },
                user=users["coordinator"],
            )
            services.review(answer=answer, user=users["coordinator"])
    services.approve_reviewed(workspace=last, user=users["executive"])

    workspace = services.open_workspace(
        agency=agency, fiscal_year=coming, user=users["coordinator"]
    )
    units = {u.name: u for u in agency.units.all()}
    today = timezone.localdate()
    plan = (
        ("O1", "สำนักปลัด", users["coordinator"], today + timedelta(days=30)),
        ("O3", "สำนักปลัด", users["coordinator"], today + timedelta(days=30)),
        ("O11", "กองคลัง", users["unit_editor"], today - timedelta(days=7)),
        ("O12", "กองคลัง", users["unit_editor"], today + timedelta(days=14)),
    )
    for code, unit, person, due in plan:
        answer = workspace.answers.filter(code=code).first()
        if answer is not None:
            services.assign(answer=answer, unit=units.get(unit), assignee=person, due=due)
    for code, who in (("O1", "coordinator"), ("O3", "coordinator"), ("O12", "unit_editor")):
        answer = workspace.answers.get(code=code)
        services.fill(
            answer=answer,
            values={
                "available": True,
                "urls": f"{DEMO_SITE}/ita/{coming}/{code.lower()}",
                "explanation": f"เมนู ITA {coming} > {code} เอกสารอยู่ด้านบนของหน้า",
                "covers_until": today,
            },
            user=users[who],
        )
    services.review(answer=workspace.answers.get(code="O1"), user=users["coordinator"])
