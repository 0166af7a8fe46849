"""Reads of plans and progress rounds that the pages, the API and the public page share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from prongsai.agencies.access import Access
from prongsai.agencies.models import Agency, Membership, Role, Unit
from prongsai.agencies.queries import assessments_of, invitations_for
from prongsai.cycle import FINISHED, REQUIRED_ROUNDS, is_overdue, round_end
from prongsai.oit.queries import OitWork, work_of
from prongsai.plans.models import (
    Evidence,
    Measure,
    Plan,
    PlanReturn,
    ProgressEntry,
    ProgressRound,
)
from prongsai.thai import fiscal_year_of


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
    whether this user may update it (a unit editor: only their unit's measures; nobody,
    once the round is published)."""
    rows = []
    for entry in entries:
        units = list(entry.measure.units.all())
        rows.append(
            {
                "entry": entry,
                "units": [u.name for u in units],
                "overdue": entry.overdue,
                # a published round stays as published (services refuse changes too)
                "editable": entry.round.published is None
                and access.can_update({u.id for u in units}),
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


def pending_return(plan: Plan | None) -> PlanReturn | None:
    """The executive's latest request for revision, until the plan is submitted again."""
    if plan is None or plan.status != Plan.Status.DRAFT:
        return None
    return plan.returns.filter(resolved__isnull=True).select_related("returned_by").first()


def plan_or_draft(agency: Agency, year: int) -> Plan:
    """The year's plan, or an unsaved draft to show a form with (a GET writes nothing;
    `services.plan_for` creates the plan when the form is sent)."""
    return plan_of(agency, year) or Plan(agency=agency, fiscal_year=year)


def plan_measures(plan: Plan | None) -> QuerySet[Measure]:
    """The plan's measures (not those taken out of it: they stay only in past rounds)."""
    if plan is None:
        return Measure.objects.none()
    return plan.measures.active().prefetch_related("units").order_by("number")


def measure_of(agency: Agency, year: int, number: int) -> Measure | None:
    return (
        Measure.objects.active()
        .filter(plan__agency=agency, plan__fiscal_year=year, number=number)
        .first()
    )


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
    return (
        Evidence.objects.select_related("entry__round__plan", "entry__measure")
        .filter(pk=evidence_id, entry__round__plan__agency=agency)
        .first()
    )


def status_choices() -> list[tuple[str, str]]:
    return list(ProgressEntry.Status.choices)


# ---------------------------------------------------------------- my work

ACTIVE_MEASURES = Count("measures", filter=Q(measures__archived=None))


@dataclass(frozen=True)
class Step:
    """One step of the yearly cycle on a coordinator's checklist.

    `kind` is results, analysis, plan, approval or round; `state` is done, due (to do
    now), waiting (on someone else) or later; `url_name` and `args` say where to do it."""

    kind: str
    state: str
    url_name: str
    args: tuple[Any, ...]
    year: int
    months: int | None = None
    as_of: date | None = None
    opened: bool = False


@dataclass(frozen=True)
class Checklist:
    agency: Agency
    fiscal_year: int
    steps: list[Step]

    @property
    def due(self) -> int:
        return sum(step.state == "due" for step in self.steps)


@dataclass(frozen=True)
class MyWork:
    """What waits for a user across their agencies, by role: plans to approve (an
    executive), measures to report on in open rounds (a unit editor), and the year's
    checklist (a coordinator or administrator)."""

    approvals: list[Plan]
    entries: list[ProgressEntry]
    checklists: list[Checklist]
    invitations: list[Any]  # to join an agency, waiting for the user's answer
    oit: OitWork | None = None  # OIT items to fill, review or approve

    @property
    def unfinished(self) -> list[ProgressEntry]:
        return [entry for entry in self.entries if entry.status not in FINISHED]

    @property
    def count(self) -> int:
        return (
            len(self.invitations)
            + len(self.approvals)
            + len(self.unfinished)
            + sum(checklist.due for checklist in self.checklists)
            + (self.oit.count if self.oit is not None else 0)
        )


def my_work(user: Any, today: date) -> MyWork:
    if not getattr(user, "is_authenticated", False):
        return MyWork([], [], [], [])
    roles = list(Membership.objects.filter(user=user).values_list("agency_id", "role", "unit_id"))
    executive = [agency for agency, role, _unit in roles if role == Role.EXECUTIVE]
    units = [unit for _agency, role, unit in roles if role == Role.UNIT_EDITOR and unit]
    coordinating = [a for a, role, _u in roles if role in (Role.ADMIN, Role.COORDINATOR)]
    approvals = (
        list(
            Plan.objects.filter(agency_id__in=executive, status=Plan.Status.SUBMITTED)
            .select_related("agency", "submitted_by")
            .annotate(measure_count=ACTIVE_MEASURES)
            .order_by("agency__name", "fiscal_year")
        )
        if executive
        else []
    )
    entries = list(open_entries(units)) if units else []
    fiscal_year = fiscal_year_of(today)
    checklists = year_checklists(coordinating, fiscal_year, today) if coordinating else []
    # Without a membership there is no OIT item to do (a provincial officer's every page).
    oit = (
        work_of(user, units=units, coordinating=coordinating, executive=executive, today=today)
        if roles
        else None
    )
    return MyWork(approvals, entries, checklists, invitations_for(user), oit)


def year_checklists(agency_ids: list[int], fiscal_year: int, today: date) -> list[Checklist]:
    """The year's checklist of each agency, read in a fixed number of queries (a
    provincial officer may coordinate many agencies, and the header counts on every page)."""
    assessments = assessments_of(agency_ids, fiscal_year - 1)
    plans = {
        plan.agency_id: plan
        for plan in Plan.objects.filter(agency_id__in=agency_ids, fiscal_year=fiscal_year)
        .annotate(measure_count=ACTIVE_MEASURES)
        .prefetch_related("rounds")
    }
    return [
        Checklist(
            agency,
            fiscal_year,
            year_checklist(
                agency, fiscal_year, today, assessments.get(agency.pk), plans.get(agency.pk)
            ),
        )
        for agency in Agency.objects.filter(pk__in=agency_ids).order_by("name")
    ]


def open_entries(unit_ids: list[int]) -> QuerySet[ProgressEntry]:
    """The progress entries of these units' measures in rounds still open (not yet
    published) of approved plans."""
    return (
        ProgressEntry.objects.filter(
            measure__units__in=unit_ids,
            round__published__isnull=True,
            round__plan__status=Plan.Status.APPROVED,
        )
        .select_related("round__plan__agency", "measure")
        .distinct()
        .order_by(
            "round__plan__agency__name",
            "round__plan__fiscal_year",
            "round__months",
            "measure__number",
        )
    )


def year_checklist(
    agency: Agency, fiscal_year: int, today: date, assessment: Any, plan: Plan | None
) -> list[Step]:
    """Results of the ITA year before imported → its analysis published → the plan
    drafted → approved → the progress rounds reported as they fall due. `plan` has
    `measure_count` and its rounds prefetched."""
    ita_year = fiscal_year - 1
    rounds = {r.months: r for r in plan.rounds.all()} if plan is not None else {}
    key = (agency.pk,)

    def state(done: bool, waiting: bool = False) -> str:
        return "done" if done else "waiting" if waiting else "due"

    steps = [
        Step(
            "results",
            state(assessment is not None),
            "results_year" if assessment else "import_results",
            (*key, ita_year) if assessment else key,
            ita_year,
        ),
        Step(
            "analysis",
            state(bool(assessment and assessment.published)),
            "results_year" if assessment else "import_results",
            (*key, ita_year) if assessment else key,
            ita_year,
        ),
        Step(
            "plan",
            state(bool(plan and plan.measure_count)),
            "plan",
            (*key, fiscal_year),
            fiscal_year,
        ),
        Step(
            "approval",
            state(
                bool(plan and plan.status == Plan.Status.APPROVED),
                waiting=bool(plan and plan.status == Plan.Status.SUBMITTED),
            ),
            "plan",
            (*key, fiscal_year),
            fiscal_year,
        ),
    ]
    for months in sorted(set(REQUIRED_ROUNDS) | set(rounds)):
        progress_round = rounds.get(months)
        as_of = progress_round.as_of if progress_round else round_end(fiscal_year, months)
        published = bool(progress_round and progress_round.published)
        steps.append(
            Step(
                "round",
                "done" if published else "due" if today >= as_of else "later",
                "round" if progress_round else "plan",
                (*key, fiscal_year, months) if progress_round else (*key, fiscal_year),
                fiscal_year,
                months=months,
                as_of=as_of,
                opened=progress_round is not None,
            )
        )
    return steps


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


@dataclass(frozen=True)
class LastSave:
    """Who saved a measure or progress entry last, and when (None when not recorded)."""

    by: Any
    at: Any


def last_save(item: Measure | ProgressEntry) -> LastSave:
    """A progress entry keeps its last editor; a measure's comes from the audit trail."""
    if isinstance(item, ProgressEntry):
        return LastSave(item.updated_by, item.updated)
    from auditlog.models import LogEntry

    change = (
        LogEntry.objects.get_for_object(item)
        .select_related("actor")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return LastSave(change.actor, change.timestamp) if change else LastSave(None, None)
