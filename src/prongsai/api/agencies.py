"""The API of agencies and their ITA years: read results with the engine's analysis,
import a results document (a dry run shows what would change), the audit trail."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from prongsai import library
from prongsai.agencies import queries, services
from prongsai.agencies.access import Action, agencies_for, found
from prongsai.api import present
from prongsai.api.access import api_access, require_write, token_of
from prongsai.api.errors import ApiProblem, ErrorOut
from prongsai.api.schemas import (
    AgencyOut,
    AgencyPage,
    AssessmentOut,
    AssessmentPage,
    AuditPage,
    ImportIn,
    ImportOut,
    PageQuery,
    YearQuery,
)
from prongsai.engine import analysis_to_dict, analyze, framework_for, parse_results

router = Router(tags=["agencies"])
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
YEAR = Path(..., ge=2500, le=2700)


@router.get("/agencies", response={200: AgencyPage, **ERRORS})
def list_agencies(request: HttpRequest, q: Query[PageQuery]) -> Any:
    agencies = agencies_for(request.user).order_by("name")
    token = token_of(request)
    if token is not None:
        agencies = agencies.filter(pk__in=token.agencies.values("pk"))  # type: ignore[attr-defined]
    return present.page_of(agencies, q.page, q.page_size, present.agency)


@router.get("/agencies/{agency_id}", response={200: AgencyOut, 304: None, **ERRORS})
def get_agency(request: HttpRequest, response: HttpResponse, agency_id: int) -> Any:
    access = api_access(request, agency_id)
    return present.conditional(request, response, present.agency(access.agency))


@router.get("/agencies/{agency_id}/assessments", response={200: AssessmentPage, **ERRORS})
def list_assessments(request: HttpRequest, agency_id: int, q: Query[YearQuery]) -> Any:
    agency = api_access(request, agency_id).agency
    assessments = agency.assessments.order_by("-fiscal_year")
    if q.year is not None:
        assessments = assessments.filter(fiscal_year=q.year)
    return present.page_of(assessments, q.page, q.page_size, present.assessment_summary)


@router.get(
    "/agencies/{agency_id}/assessments/{year}",
    response={200: AssessmentOut, 304: None, **ERRORS},
)
def get_assessment(
    request: HttpRequest, response: HttpResponse, agency_id: int, year: int = YEAR
) -> Any:
    agency = api_access(request, agency_id).agency
    assessment = found(queries.assessment_of(agency, year))
    data = {
        "fiscal_year": assessment.fiscal_year,
        "framework": assessment.framework,
        "source": assessment.source,
        "published": assessment.published,
        "updated": assessment.updated,
        "results": assessment.results,
        "analysis": analysis_to_dict(queries.analysis_of(assessment)),
    }
    return present.conditional(request, response, data)


@router.post(
    "/agencies/{agency_id}/imports",
    response={200: ImportOut, 400: ErrorOut, 409: ErrorOut, **ERRORS},
)
def import_assessment(request: HttpRequest, agency_id: int, body: ImportIn) -> Any:
    """Check a results document with the engine and compare it with the stored year;
    save it unless `dry_run`. Replacing a stored year needs `replace: true` (as the web
    asks to confirm): without it the answer is 409 with the changes."""
    agency = api_access(request, agency_id, Action.RESULTS).agency
    document = {**body.document, "agency": body.document.get("agency") or agency.name}
    changes = queries.replacement_changes(agency, document)  # ResultsError → 422
    results = parse_results(document)
    analysis = analyze(framework_for(library.registry(), results), results)
    listed = [{"field": c.field, "before": c.old, "after": c.new} for c in changes or []]
    if changes is not None and not body.dry_run and not body.replace:
        raise ApiProblem(
            409,
            "would_replace",
            f"มีผลการประเมินปี {results.fiscal_year} อยู่แล้ว ส่ง replace: true เพื่อแทนที่",
            f"ITA {results.fiscal_year} is already stored: send replace: true to replace it",
            listed,
        )
    if not body.dry_run:
        require_write(request)
        services.save_assessment(agency=agency, document=document, source="API", user=request.user)
    return {
        "saved": not body.dry_run,
        "fiscal_year": results.fiscal_year,
        "replaces": changes is not None,
        "changes": listed,
        "analysis": analysis_to_dict(analysis),
    }


@router.get("/agencies/{agency_id}/audit", response={200: AuditPage, **ERRORS})
def audit_trail(request: HttpRequest, agency_id: int, q: Query[PageQuery]) -> Any:
    agency = api_access(request, agency_id, Action.ADMIN).agency
    return present.page_of(queries.audit_entries(agency), q.page, q.page_size, present.audit)
