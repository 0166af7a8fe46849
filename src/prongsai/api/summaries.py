"""Read-only summaries for other systems: an agency's pulse surveys (scores only from the
minimum number of answers, as on the page) and an oversight body's year."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Router, Schema

from prongsai.agencies.access import found
from prongsai.api import present
from prongsai.api.access import api_access
from prongsai.api.errors import ErrorOut
from prongsai.oversight import queries as oversight
from prongsai.surveys import queries as surveys

router = Router(tags=["summaries"])
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
YEAR = Path(..., ge=2500, le=2700)


class SurveyOut(Schema):
    id: int
    tool: str
    fiscal_year: int
    round: int
    status: str
    answers: int
    target: int | None
    withheld: bool  # fewer answers than the minimum: no score is given
    indicators: dict[int, float]
    predicted_overall: float | None
    predicted_grade: str | None


class BodyYearOut(Schema):
    body: str
    fiscal_year: int
    agencies: int
    passed: int
    mean: float | None
    grades: dict[str, int]
    ratings: dict[str, int]
    weak_indicators: dict[int, int]
    failed_items: dict[str, int]
    plans_approved: int


def _survey(survey: Any) -> dict[str, Any]:
    answers = surveys.answer_count(survey)
    results = surveys.results_of(survey)
    prediction = results.prediction
    return {
        "id": survey.pk,
        "tool": survey.tool,
        "fiscal_year": survey.fiscal_year,
        "round": survey.round,
        "status": survey.status,
        "answers": answers,
        "target": surveys.target_of(survey, answers).target,
        "withheld": results.scores.withheld,
        "indicators": {n: present.figure(v) for n, v in results.scores.indicators.items()},
        "predicted_overall": present.figure(prediction.overall) if prediction else None,
        "predicted_grade": prediction.grade if prediction else None,
    }


@router.get("/agencies/{agency_id}/surveys", response={200: list[SurveyOut], 304: None, **ERRORS})
def agency_surveys(request: HttpRequest, response: HttpResponse, agency_id: int) -> Any:
    agency = api_access(request, agency_id).agency
    data = [_survey(s) for s in surveys.surveys_of(agency)]
    return present.conditional(request, response, data)


@router.get("/oversight/{body_id}/{year}", response={200: BodyYearOut, 304: None, **ERRORS})
def body_year(request: HttpRequest, response: HttpResponse, body_id: int, year: int = YEAR) -> Any:
    body = found(oversight.body_for(request.user, body_id) if 0 < body_id < 2**63 else None)
    board = oversight.dashboard(body, year)
    data = {
        "body": body.name,
        "fiscal_year": year,
        "agencies": board.total,
        "passed": board.passed,
        "mean": present.figure(board.mean),
        "grades": dict(board.grades),
        "ratings": dict(board.ratings),
        "weak_indicators": dict(board.weak),
        "failed_items": dict(board.failed),
        "plans_approved": board.plans_approved,
    }
    return present.conditional(request, response, data)
