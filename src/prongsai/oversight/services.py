"""Every write of the oversight app: bodies and their members, standings, and the
import of many agencies' results in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from prongsai.agencies.models import Agency, Assessment
from prongsai.oversight.models import Body, BodyMember, Standing
from prongsai.oversight.standing import standing_values

GENERATED = "generated:"  # the source of results made up for the demo starts so


def standing_for(assessment: Assessment, agency: Agency) -> Standing:
    return Standing(
        assessment=assessment,
        agency=agency,
        fiscal_year=assessment.fiscal_year,
        kind=agency.kind,
        province=agency.province,
        district=agency.district,
        generated=assessment.source.startswith(GENERATED),
        **standing_values(assessment.analysis),
    )


def refresh_standing(*, assessment: Assessment) -> None:
    agency = assessment.agency
    standing = standing_for(assessment, agency)
    fields = {
        f.name: getattr(standing, f.name)
        for f in Standing._meta.concrete_fields
        if f.name not in ("id", "assessment", "agency", "fiscal_year")
    }
    Standing.objects.update_or_create(
        agency=agency,
        fiscal_year=assessment.fiscal_year,
        defaults={"assessment": assessment, **fields},
    )


@transaction.atomic
def create_body(
    *,
    name: str,
    kind: str,
    province: str = "",
    district: str = "",
    kinds: Iterable[str] = (),
    agencies: Iterable[Agency] = (),
) -> Body:
    body = Body.objects.create(
        name=name, kind=kind, province=province, district=district, kinds=list(kinds)
    )
    body.agencies.set(list(agencies))
    return body


@transaction.atomic
def add_body_member(*, body: Body, user: Any, role: str = BodyMember.Role.READER) -> None:
    """Seat the user in the body, or give a member another role."""
    BodyMember.objects.update_or_create(body=body, user=user, defaults={"role": role})


@transaction.atomic
def remove_body_member(*, body: Body, user: Any) -> None:
    body.members.remove(user)


@transaction.atomic
def apply_import(*, plan: Any, user: Any = None, generated: bool = False) -> dict[str, int]:
    """Write an import plan in one transaction: new agencies, new years, replaced years
    (the replaced results are kept as earlier versions), and their standings. Lines
    with problems are left out; the counts say what was written. `generated` marks
    made-up results (the demo's) as such in their source and standing. Through a body
    without a rule of its own, the new agencies join its list (they stay in its scope)."""
    from django.utils import timezone

    from prongsai.agencies.models import AssessmentVersion

    lines = plan.good
    now = timezone.now()
    new = {}
    for line in lines:
        if line.agency_id is None and line.agency_name not in new:
            new[line.agency_name] = Agency(
                name=line.agency_name[:200],
                kind=line.kind,
                province=line.province,
                district=line.district,
            )
    Agency.objects.bulk_create(list(new.values()), batch_size=1000)
    scope = plan.scope
    if scope is not None and scope.lists_new and new:
        Body.agencies.through.objects.bulk_create(
            [Body.agencies.through(body_id=scope.body_id, agency=a) for a in new.values()]
        )
    for line in lines:
        if line.agency_id is None:
            line.agency_id = new[line.agency_name].pk
    replaced = [line for line in lines if line.replaces is not None]
    if replaced:
        old = Assessment.objects.filter(pk__in=[line.replaces for line in replaced])
        who = user if getattr(user, "is_authenticated", False) else None
        AssessmentVersion.objects.bulk_create(
            [
                AssessmentVersion(
                    assessment=a,
                    results=a.results,
                    analysis=a.analysis,
                    source=a.source,
                    saved=a.updated,
                    replaced_by=who,
                )
                for a in old
            ],
            batch_size=1000,
        )
        Standing.objects.filter(assessment_id__in=[line.replaces for line in replaced]).delete()
    through = f" ({scope.name})" if scope is not None else ""
    prefix = f"{GENERATED if generated else ''}นำเข้าหลายหน่วยงาน{through}: "
    sources = {id(line): f"{prefix}{line.label}"[:300] for line in lines}
    fresh = [line for line in lines if line.replaces is None]
    _insert_assessments(fresh, sources, now)
    _update_assessments(replaced, sources, now)
    _insert_standings(lines, generated)
    return {
        "agencies": len(new),
        "created": len(fresh),
        "replaced": len(replaced),
        "skipped": len(plan.bad),
    }


@transaction.atomic
def load_demo_province(
    *, province: str, districts: list[str], count: int, years: tuple[int, ...], registry: Any
) -> Body:
    """A made-up province for the demo: `count` agencies with generated results for
    each year (marked as generated), and its oversight body."""
    from prongsai.oversight import generate
    from prongsai.oversight.batch import Line
    from prongsai.oversight.queries import import_preview

    existing = Body.objects.filter(name=f"จังหวัด{province}").first()
    if existing is not None:  # loaded before: keep it as it is
        return existing
    made = generate.agencies(count, districts, seed=len(province))
    for year in years:
        framework = registry.get(f"nacc-{year}")
        lines = [
            Line(
                f"ข้อมูลสาธิต {index}",
                agency.name,
                agency.kind,
                province,
                agency.district,
                generate.results(agency, framework, year, seed=7),
            )
            for index, agency in enumerate(made, start=1)
        ]
        plan = import_preview(lines, "ข้อมูลสาธิต (สร้างขึ้น)", registry, by="demo")
        apply_import(plan=plan, generated=True)
    body, _ = Body.objects.get_or_create(
        name=f"จังหวัด{province}", defaults={"kind": Body.Kind.PROVINCE, "province": province}
    )
    return body


# Thousands of rows at once: the ORM's bulk_create spends most of its time preparing
# each field of each object (measured: 2/3 of an 8,300-row import's writing), so the
# two big tables are written with one executemany each, values prepared as the fields
# would prepare them.


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows
        )


def _insert_assessments(lines: list[Any], sources: dict[int, str], now: Any) -> None:
    """Insert the lines' new assessments and note each one's id on its line (looked up
    by agency and year)."""
    from django.db import connection

    stamp = connection.ops.adapt_datetimefield_value(now)
    columns = ["agency", "fiscal_year", "framework", "results", "analysis", "source"]
    _insert(
        Assessment,
        [*columns, "created", "updated"],
        [
            (line.agency_id, line.year, line.framework, line.results_json, line.analysis_json,
             sources[id(line)], stamp, stamp)
            for line in lines
        ],
    )  # fmt: skip
    years = {line.year for line in lines}
    ids = {
        (agency, year): pk
        for pk, agency, year in Assessment.objects.filter(fiscal_year__in=years).values_list(
            "pk", "agency_id", "fiscal_year"
        )
    }
    for line in lines:
        line.assessment_id = ids[(line.agency_id, line.year)]


def _update_assessments(lines: list[Any], sources: dict[int, str], now: Any) -> None:
    from django.db import connection

    if not lines:
        return
    quote = connection.ops.quote_name
    fields = ["framework", "results", "analysis", "source", "updated"]
    sets = ", ".join(f"{quote(Assessment._meta.get_field(f).column)} = %s" for f in fields)
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Assessment._meta.db_table)} SET {sets} WHERE id = %s",
            [
                (line.framework, line.results_json, line.analysis_json, sources[id(line)],
                 stamp, line.replaces)
                for line in lines
            ],
        )  # fmt: skip
    for line in lines:
        line.assessment_id = line.replaces


def _insert_standings(lines: list[Any], generated: bool) -> None:
    """One standing a line, from the figures the plan took from the engine's analysis."""
    from django.db import connection

    from prongsai.oversight.batch import to_json

    agencies = Agency.objects.filter(pk__in={line.agency_id for line in lines})
    places = {
        pk: (kind, province, district)
        for pk, kind, province, district in agencies.values_list(
            "pk", "kind", "province", "district"
        )
    }
    decimal = connection.ops.adapt_decimalfield_value
    _insert(
        Standing,
        [
            "assessment", "agency", "fiscal_year", "kind", "province", "district", "overall",
            "grade", "rating", "passed", "tools", "indicators", "weak", "failed_items", "generated",
        ],
        [
            (
                line.assessment_id, line.agency_id, line.year, *places[line.agency_id],
                None if s["overall"] is None else decimal(s["overall"], 5, 2), s["grade"],
                s["rating"], s["passed"], to_json(s["tools"]), to_json(s["indicators"]),
                s["weak"], s["failed_items"], generated,
            )
            for line in lines
            for s in (line.standing,)
        ],
    )  # fmt: skip
