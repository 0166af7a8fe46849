"""Reads of plans and progress rounds that the pages, the API and the public page share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from prongsai.agencies.access import Access
from prongsai.agencies.models import Agency, Unit
from prongsai.cycle import is_overdue
from prongsai.plans.models import Evidence, Measure, Plan, ProgressEntry, ProgressRound


@dataclass(frozen=True)
class Tally:
    label: str
    counts: dict[str, int]
    total: int
    overdue: int


def round_entries(progress_round: ProgressRound) -> Any:
    """The round's entries with what a page shows of them, in measure order."""
    units = Prefetch("measure__units", queryset=Unit.objects.only("id", "name"))
    return (
        progress_round.entries.select_related("measure")
        .prefetch_related(units, "evidence")
        .order_by("measure__number")
    )


def dashboard(progress_round: ProgressRound) -> tuple[list[Tally], list[Tally]]:
    """Status counts by responsible unit and by indicator answered, with overdue ones.

    Reads plain values, not model objects: a plan may hold a thousand measures."""
    rows = progress_round.entries.values_list(
        "measure_id", "status", "measure__end", "measure__indicators"
    )
    unit_names: dict[int, list[str]] = {}
    for measure_id, name in Measure.units.through.objects.filter(
        measure__plan_id=progress_round.plan_id
    ).values_list("measure_id", "unit__name"):
        unit_names.setdefault(measure_id, []).append(name)
    by_unit: dict[str, Counter[str]] = {}
    by_indicator: dict[int, Counter[str]] = {}
    for measure_id, status, end, indicators in rows:
        late = is_overdue(status, end, progress_round.as_of)
        groups = [by_unit.setdefault(name, Counter()) for name in unit_names.get(measure_id, [])]
        groups += [by_indicator.setdefault(int(n), Counter()) for n in indicators or []]
        for counter in groups:
            counter[status] += 1
            counter["overdue"] += late

    def tallies(groups: dict[Any, Counter[str]], label: Any) -> list[Tally]:
        statuses = ProgressEntry.Status.values
        return [
            Tally(
                label(key), {s: c[s] for s in statuses}, sum(c[s] for s in statuses), c["overdue"]
            )
            for key, c in sorted(groups.items())
        ]

    return tallies(by_unit, str), tallies(by_indicator, lambda n: f"ตัวชี้วัดที่ {n}")


def round_rows(entries: Any, access: Access) -> list[dict[str, Any]]:
    """A page of a round's entries with their units, whether each is overdue, and
    whether this user may update it (a unit editor: only their unit's measures)."""
    rows = []
    for entry in entries:
        units = list(entry.measure.units.all())
        rows.append(
            {
                "entry": entry,
                "units": [u.name for u in units],
                "overdue": entry.overdue,
                "editable": access.can_update({u.id for u in units}),
            }
        )
    return rows


# ---------------------------------------------------------------- what is public
# A plan is public once approved and published; a round, once it and its plan are.

PUBLIC_PLAN = {"published__isnull": False, "status": Plan.Status.APPROVED}
PUBLIC_ROUND = {
    "published__isnull": False,
    "plan__published__isnull": False,
    "plan__status": Plan.Status.APPROVED,
}


def public_plans(agency: Agency) -> QuerySet[Plan]:
    return agency.plans.filter(**PUBLIC_PLAN).order_by("-fiscal_year")


def public_rounds(agency: Agency) -> QuerySet[ProgressRound]:
    return (
        ProgressRound.objects.filter(plan__agency=agency, **PUBLIC_ROUND)
        .select_related("plan")
        .order_by("-plan__fiscal_year", "months")
    )


def public_plan(agency_id: int, year: int) -> Plan | None:
    return (
        Plan.objects.select_related("agency")
        .filter(agency_id=agency_id, fiscal_year=year, **PUBLIC_PLAN)
        .first()
    )


def public_round(agency_id: int, year: int, months: int) -> ProgressRound | None:
    return (
        ProgressRound.objects.select_related("plan__agency")
        .filter(plan__agency_id=agency_id, plan__fiscal_year=year, months=months, **PUBLIC_ROUND)
        .first()
    )


# ---------------------------------------------------------------- one of an agency's


def plan_of(agency: Agency, year: int) -> Plan | None:
    return Plan.objects.filter(agency=agency, fiscal_year=year).first()


def plan_measures(plan: Plan | None) -> QuerySet[Measure]:
    if plan is None:
        return Measure.objects.none()
    return plan.measures.prefetch_related("units").order_by("number")


def measure_of(agency: Agency, year: int, number: int) -> Measure | None:
    return Measure.objects.filter(
        plan__agency=agency, plan__fiscal_year=year, number=number
    ).first()


def round_of(agency: Agency, year: int, months: int) -> ProgressRound | None:
    return (
        ProgressRound.objects.select_related("plan")
        .filter(plan__agency=agency, plan__fiscal_year=year, months=months)
        .first()
    )


def entry_of(agency: Agency, year: int, months: int, number: int) -> ProgressEntry | None:
    return (
        ProgressEntry.objects.select_related("round__plan", "measure")
        .filter(
            round__plan__agency=agency,
            round__plan__fiscal_year=year,
            round__months=months,
            measure__number=number,
        )
        .first()
    )


def entry_unit_ids(entry: ProgressEntry) -> set[int]:
    return set(entry.measure.units.values_list("id", flat=True))


def evidence_of(agency: Agency, evidence_id: int) -> Evidence | None:
    return Evidence.objects.filter(pk=evidence_id, entry__round__plan__agency=agency).first()


def status_choices() -> list[tuple[str, str]]:
    return list(ProgressEntry.Status.choices)


def cycle_status(agencies: QuerySet[Agency], fiscal_year: int) -> dict[int, dict[str, Any]]:
    """Where each agency's cycle of a fiscal year stands (for oversight dashboards): the
    plan's status and the rounds reported (published), by agency id; two queries."""
    status: dict[int, dict[str, Any]] = {
        agency_id: {"plan": plan_status, "rounds": []}
        for agency_id, plan_status in Plan.objects.filter(
            agency__in=agencies, fiscal_year=fiscal_year
        ).values_list("agency_id", "status")
    }
    for agency_id, months in (
        ProgressRound.objects.filter(
            plan__agency__in=agencies, plan__fiscal_year=fiscal_year, published__isnull=False
        )
        .order_by("months")
        .values_list("plan__agency_id", "months")
    ):
        status[agency_id]["rounds"].append(months)
    return status
