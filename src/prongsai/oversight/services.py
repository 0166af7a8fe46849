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
    replaced_ids = [line.replaces for line in lines if line.replaces is not None]
    old = {a.pk: a for a in Assessment.objects.filter(pk__in=replaced_ids)} if replaced_ids else {}
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
            for a in old.values()
        ],
        batch_size=1000,
    )
    fresh, changed = [], []
    through = f" ({scope.name})" if scope is not None else ""
    for line in lines:
        label = f"{GENERATED if generated else ''}นำเข้าหลายหน่วยงาน{through}: {line.label}"[:300]
        if line.replaces is None:
            fresh.append(
                Assessment(
                    agency_id=line.agency_id,
                    fiscal_year=line.year,
                    framework=line.framework,
                    results=line.results,
                    analysis=line.analysis,
                    source=label,
                )
            )
        else:
            assessment = old[line.replaces]
            assessment.framework = line.framework
            assessment.results = line.results
            assessment.analysis = line.analysis
            assessment.source = label
            assessment.updated = now
            changed.append(assessment)
    _insert_assessments(fresh, now)
    Assessment.objects.bulk_update(
        changed, ["framework", "results", "analysis", "source", "updated"], batch_size=1000
    )
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={line.agency_id for line in lines})}
    Standing.objects.filter(assessment__in=changed).delete()
    _insert_standings([standing_for(a, agencies[a.agency_id]) for a in [*fresh, *changed]])
    return {
        "agencies": len(new),
        "created": len(fresh),
        "replaced": len(changed),
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


def _json(value: Any) -> str:
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(value, cls=DjangoJSONEncoder)


def _insert_assessments(fresh: list[Assessment], now: Any) -> None:
    """Insert new assessments and give each its id (looked up by agency and year)."""
    from django.db import connection

    stamp = connection.ops.adapt_datetimefield_value(now)
    columns = ["agency", "fiscal_year", "framework", "results", "analysis", "source"]
    _insert(
        Assessment,
        [*columns, "created", "updated"],
        [
            (a.agency_id, a.fiscal_year, a.framework, _json(a.results), _json(a.analysis),
             a.source, stamp, stamp)
            for a in fresh
        ],
    )  # fmt: skip
    years = {a.fiscal_year for a in fresh}
    ids = {
        (agency, year): pk
        for pk, agency, year in Assessment.objects.filter(fiscal_year__in=years).values_list(
            "pk", "agency_id", "fiscal_year"
        )
    }
    for assessment in fresh:
        assessment.pk = ids[(assessment.agency_id, assessment.fiscal_year)]
        assessment.created = assessment.updated = now


def _insert_standings(standings: list[Standing]) -> None:
    from django.db import connection

    decimal = connection.ops.adapt_decimalfield_value
    _insert(
        Standing,
        [
            "assessment", "agency", "fiscal_year", "kind", "province", "district", "overall",
            "grade", "rating", "passed", "tools", "indicators", "weak", "failed_items", "generated",
        ],
        [
            (
                s.assessment_id, s.agency_id, s.fiscal_year, s.kind, s.province, s.district,
                None if s.overall is None else decimal(s.overall, 5, 2), s.grade, s.rating,
                s.passed, _json(s.tools), _json(s.indicators), s.weak, s.failed_items, s.generated,
            )
            for s in standings
        ],
    )  # fmt: skip
