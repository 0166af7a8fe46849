"""Every read of the oversight app: bodies, their agencies, the dashboard, peers."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet, Value

from prongsai import library
from prongsai.agencies.models import Agency
from prongsai.oversight.models import Body, BodyMember
from prongsai.oversight.scope import scope_filter


def bodies_for(user: Any) -> QuerySet[Body]:
    """The bodies the user sits in, each with the user's role there as `member_role`
    (a site administrator sits in every one as a manager)."""
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.annotate(member_role=Value(BodyMember.Role.MANAGER))
    # the annotation reads the membership row the filter joined: one row a body
    return Body.objects.filter(bodymember__user=user).annotate(member_role=F("bodymember__role"))


def body_for(user: Any, body_id: int) -> Body | None:
    """The body if the user sits in it (None: a 404 for everyone else)."""
    if not 0 < body_id < 2**63:
        return None
    return bodies_for(user).filter(pk=body_id).first()


def body_agencies(body: Body) -> QuerySet[Agency]:
    return Agency.objects.filter(scope_filter(body))


def oversees(user: Any, agency_id: int) -> bool:
    """Whether one of the user's bodies oversees the agency (read access only)."""
    if not user.is_authenticated:
        return False
    agency = Agency.objects.filter(pk=agency_id)
    return any(agency.filter(scope_filter(body)).exists() for body in bodies_for(user))


def import_preview(
    lines: list[Any], source: str, registry: Any, *, by: str = "", body: Body | None = None
) -> Any:
    """What importing these lines would do (nothing is written): every agency matched
    by name or to be created, every year checked and analysed by the engine. Through
    a body, only the body's agencies are written and new ones are placed in its scope."""
    from prongsai.agencies.models import Assessment
    from prongsai.oversight.batch import ImportPlan, Scope, plan_lines

    years = {str(line.document.get("fiscal_year", "")).strip() for line in lines}
    numbers = [int(y) for y in years if y.isdigit()]
    provenance = {"file": source, "imported_by": by, "format": "batch"}
    scope = None
    if body is not None:
        provenance["body"] = body.name
        overseen = frozenset(body_agencies(body).values_list("id", flat=True))
        scope = Scope(body.pk, body.name, overseen, body.province, body.district, tuple(body.kinds))
    plan_lines(
        lines,
        registry,
        Agency.objects.values_list("id", "name"),
        Assessment.objects.filter(fiscal_year__in=numbers).values_list(
            "agency_id", "fiscal_year", "id"
        ),
        provenance=provenance,
        scope=scope,
    )
    return ImportPlan(source, lines, scope)


def may_import(user: Any, body: Body) -> bool:
    """A site administrator, or a manager of the body, imports results for its agencies
    (a body from `body_for` knows the user's role; another asks the database)."""
    if user.is_superuser:
        return True
    role = getattr(body, "member_role", None)
    if role is None:
        role = BodyMember.objects.filter(body=body, user_id=user.pk).values_list("role", flat=True)
        role = role.first()
    return role == BodyMember.Role.MANAGER


def standings(body: Body, year: int) -> QuerySet[Any]:
    from prongsai.oversight.models import Standing

    return Standing.objects.filter(scope_filter(body, "agency__"), fiscal_year=year)


def dashboard(
    body: Body, year: int, *, district: str = "", kind: str = "", sort: str = "name"
) -> Any:
    """The body's year: four queries however many agencies it oversees."""
    from prongsai.oversight.dashboard import Row, build
    from prongsai.plans.queries import cycle_status

    rows = [
        Row(*values)
        for values in standings(body, year).values_list(
            "agency_id", "agency__name", "kind", "district", "overall", "grade", "rating",
            "passed", "weak", "failed_items", "generated",
        )
    ]  # fmt: skip
    previous = dict(standings(body, year - 1).values_list("agency_id", "overall"))
    cycle = cycle_status(body_agencies(body), year + 1)  # measures of year N+1 answer ITA N
    edition = library.registry().edition_or_latest(year)  # its grade bands and labels
    return build(
        year,
        rows,
        previous,
        cycle,
        grade_order=[g.grade for g in edition.grades],
        rating_order=[r.label for r in edition.rating],
        district=district,
        kind=kind,
        sort=sort,
    )


def body_years(body: Body) -> list[int]:
    years = standings_any(body).values_list("fiscal_year", flat=True)
    return list(years.distinct().order_by("-fiscal_year"))


def standings_any(body: Body) -> QuerySet[Any]:
    from prongsai.oversight.models import Standing

    return Standing.objects.filter(scope_filter(body, "agency__")).order_by()


def indicator_names(year: int) -> dict[int, str]:
    from prongsai.oversight.editions import edition

    framework = edition(year)
    return {} if framework is None else {i.number: i.name for i in framework.indicators}


def item_titles(year: int) -> dict[str, str]:
    from prongsai.oversight.editions import edition

    framework = edition(year)
    return {} if framework is None else {i.code: i.title or "" for i in framework.oit_items}


def kind_labels() -> dict[str, str]:
    """Agency kinds and their names in the active language."""
    from prongsai.agencies.models import AgencyKind

    return {value: str(label) for value, label in AgencyKind.choices}


def body_by_name(name: str) -> Body | None:
    return Body.objects.filter(name=name).first()


def peer_benchmark(agency: Agency, year: int) -> Any:
    """The agency's percentile among agencies of its kind in its province and in the
    country, overall and per indicator (one query)."""
    from prongsai.oversight.models import Standing
    from prongsai.oversight.peers import peers

    rows = list(
        Standing.objects.filter(fiscal_year=year, kind=agency.kind).values_list(
            "agency_id", "province", "overall", "indicators"
        )
    )
    return peers(agency.pk, agency.province, rows)


def summary_document(body: Body, year: int, fmt: str) -> bytes:
    """The body's summary report of the year (DOCX or PDF) from its dashboard."""
    from prongsai.documents.summary import SummaryInput, summary_content, summary_docx, summary_pdf

    board = dashboard(body, year)
    names = indicator_names(year)
    titles = item_titles(year)
    below = [r for r in board.rows if r.overall is not None and r.overall < 85]
    data = SummaryInput(
        body=body.name,
        year=year,
        count=board.count,
        passed=board.passed,
        mean=board.mean,
        grades=board.grades,
        ratings=board.ratings,
        bins=board.bins,
        weak=[(f"{n}. {names.get(n, '')}", count) for n, count in board.weak],
        failed=[(f"{code} {titles.get(code, '')}".strip(), count) for code, count in board.failed],
        risers=[(r.name, r.change) for r in board.risers[:5]],
        fallers=[(r.name, r.change) for r in board.fallers[:5]],
        below=[(r.name, r.district, r.overall, r.grade) for r in below],
        plans_approved=board.plans_approved,
        rounds_reported=board.rounds_reported,
        generated=board.generated,
    )
    content = summary_content(data)
    return summary_pdf(content) if fmt == "pdf" else summary_docx(content)
