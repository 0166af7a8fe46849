"""The API of measures plans and progress rounds: read them; create and edit measures
and record progress through the same services and validation as the web pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Status

from prongsai.agencies.access import Action, found
from prongsai.api import present
from prongsai.api.access import api_access, require_write
from prongsai.api.errors import ApiProblem, ErrorOut
from prongsai.api.schemas import (
    EntryOut,
    MeasureIn,
    MeasureOut,
    PlanOut,
    PlanPage,
    ProgressIn,
    RoundOut,
    RoundSummary,
    YearQuery,
)
from prongsai.plans import queries, services
from prongsai.thai import format_be_numeric, month_start
from prongsai.web.forms.workbench import EntryForm, MeasureForm

router = Router(tags=["plans"])
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 400: ErrorOut, 409: ErrorOut}
YEAR = Path(..., ge=2500, le=2700)
PLAN = "/agencies/{agency_id}/plans/{year}"


def _read_version(request: HttpRequest, item: Any, body_version: int | None) -> int | None:
    """The version the client read: `version` in the body, or the ETag of its last write
    in If-Match (`*` or none: no condition). A tag of another row, or one that is not
    ours, cannot match: the write is refused as stale (409)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*" or item is None:
        return body_version
    version = present.version_in_etag(header, item)
    if version is None:
        raise services.EditConflict(item)
    if body_version is not None and body_version != version:
        raise ApiProblem(
            422,
            "version_mismatch",
            "version ในข้อมูลไม่ตรงกับ If-Match",
            "The version in the body and the one in If-Match differ",
        )
    return version


def _invalid(form: Any) -> ApiProblem:
    details = [
        {"field": name, "messages": [str(m) for m in messages]}
        for name, messages in form.errors.items()
    ]
    return ApiProblem(422, "invalid", "ข้อมูลไม่ถูกต้อง", "The data is not valid", details)


@router.get("/agencies/{agency_id}/plans", response={200: PlanPage, **ERRORS})
def list_plans(request: HttpRequest, agency_id: int, q: Query[YearQuery]) -> Any:
    agency = api_access(request, agency_id).agency
    plans = agency.plans.order_by("-fiscal_year")
    if q.year is not None:
        plans = plans.filter(fiscal_year=q.year)
    return present.page_of(plans, q.page, q.page_size, present.plan_summary)


@router.get(PLAN, response={200: PlanOut, 304: None, **ERRORS})
def get_plan(request: HttpRequest, response: HttpResponse, agency_id: int, year: int = YEAR) -> Any:
    agency = api_access(request, agency_id).agency
    plan = found(queries.plan_of(agency, year))
    measures = [present.measure(m) for m in queries.plan_measures(plan)]
    data = {**present.plan_summary(plan), "measures": measures}
    return present.conditional(request, response, data)


def _measure_form(plan: Any, body: MeasureIn, measure: Any = None) -> MeasureForm:
    units = {u.name: u.pk for u in plan.agency.units.all()}
    unknown = [name for name in body.units if name not in units]
    if unknown:
        raise ApiProblem(
            422,
            "unknown_unit",
            f"ไม่มีส่วนราชการชื่อ {', '.join(unknown)}",
            f"No unit named {', '.join(unknown)}",
        )
    data = {
        "title": body.title,
        "steps": "\n".join(body.steps),
        "units": [units[name] for name in body.units],
        "start": month_start(_be_month(body.start)).isoformat(),
        "end": month_start(_be_month(body.end)).isoformat(),
        "follow_up": body.follow_up,
        "kpi": body.kpi,
        "indicators": [str(n) for n in body.indicators],
        "oit_items": ", ".join(body.oit_items),
    }
    return MeasureForm(plan, data, instance=measure)


def _be_month(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def _save_measure(
    request: HttpRequest,
    response: HttpResponse,
    agency_id: int,
    year: int,
    body: MeasureIn,
    number: int | None,
) -> Any:
    agency = api_access(request, agency_id, Action.PLAN).agency
    require_write(request)
    plan = services.plan_for(agency=agency, fiscal_year=year)
    measure = found(queries.measure_of(agency, year, number)) if number else None
    form = _measure_form(plan, body, measure)
    if not form.is_valid():
        raise _invalid(form)
    units = list(form.cleaned_data["units"])
    version = _read_version(request, measure, body.version)
    saved = services.save_measure(
        plan=plan, values=form.values(), units=units, measure=measure, version=version
    )
    response["ETag"] = present.etag_of(saved)
    return present.measure(saved)


@router.post(PLAN + "/measures", response={201: MeasureOut, **WRITE_ERRORS})
def create_measure(
    request: HttpRequest, response: HttpResponse, agency_id: int, body: MeasureIn, year: int = YEAR
) -> Any:
    return Status(201, _save_measure(request, response, agency_id, year, body, None))


@router.put(PLAN + "/measures/{number}", response={200: MeasureOut, **WRITE_ERRORS})
def update_measure(
    request: HttpRequest,
    response: HttpResponse,
    agency_id: int,
    number: int,
    body: MeasureIn,
    year: int = YEAR,
) -> Any:
    """Change a measure; send the `version` read (or If-Match) so that a change someone
    saved in between is not overwritten: 409 `stale_version` then, nothing saved."""
    return _save_measure(request, response, agency_id, year, body, number)


@router.get(PLAN + "/rounds", response={200: list[RoundSummary], **ERRORS})
def list_rounds(request: HttpRequest, agency_id: int, year: int = YEAR) -> Any:
    agency = api_access(request, agency_id).agency
    plan = found(queries.plan_of(agency, year))
    return [present.round_summary(r) for r in plan.rounds.order_by("months")]


@router.get(PLAN + "/rounds/{months}", response={200: RoundOut, 304: None, **ERRORS})
def get_round(
    request: HttpRequest, response: HttpResponse, agency_id: int, months: int, year: int = YEAR
) -> Any:
    agency = api_access(request, agency_id).agency
    progress_round = found(queries.round_of(agency, year, months))
    entries = [present.entry(e) for e in queries.round_entries(progress_round)]
    data = {**present.round_summary(progress_round), "entries": entries}
    return present.conditional(request, response, data)


@router.put(PLAN + "/rounds/{months}/entries/{number}", response={200: EntryOut, **WRITE_ERRORS})
def record_progress(
    request: HttpRequest,
    response: HttpResponse,
    agency_id: int,
    months: int,
    number: int,
    body: ProgressIn,
    year: int = YEAR,
) -> Any:
    access = api_access(request, agency_id)
    entry = found(queries.entry_of(access.agency, year, months, number))
    if not access.can_update(queries.entry_unit_ids(entry)):
        raise PermissionDenied
    require_write(request)
    data = body.dict() | {"done_on": format_be_numeric(body.done_on) if body.done_on else ""}
    form = EntryForm(data, instance=entry)
    if not form.is_valid():
        raise _invalid(form)
    values = {name: form.cleaned_data[name] for name in EntryForm.Meta.fields}
    version = _read_version(request, entry, body.version)
    services.record_progress(entry=entry, values=values, user=request.user, version=version)
    saved = found(queries.entry_of(access.agency, year, months, number))
    response["ETag"] = present.etag_of(saved)
    return present.entry(saved)
