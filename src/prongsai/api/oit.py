"""The API of the OIT evidence workspace: read a year's items, their answers, who fills
them, where each stands, and the readiness the engine predicts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Router, Schema

from prongsai.agencies.access import found
from prongsai.api import present
from prongsai.api.access import api_access
from prongsai.api.errors import ErrorOut
from prongsai.oit import queries

router = Router(tags=["oit"])
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
YEAR = Path(..., ge=2500, le=2700)


class ElementOut(Schema):
    text: str
    checked: bool


class OitItemOut(Schema):
    code: str
    title: str
    sub_indicator: str | None
    period: str
    unit: str | None
    assignee: str | None
    due: date | None
    overdue: bool
    available: bool | None
    urls: list[str]
    explanation: str
    elements: list[ElementOut]
    covers_until: date | None
    expired: str
    status: str
    filled: datetime | None
    reviewed: datetime | None
    approved: datetime | None
    approved_by: str | None
    previous: dict[str, Any] | None
    link_verdict: str
    link_checked: datetime | None


class FixFirstOut(Schema):
    code: str
    title: str
    points: float | None


class ReadinessOut(Schema):
    passing: int
    total: int
    oit_indicators: dict[str, float | None]
    overall: float | None
    grade: str | None
    survey_year: int | None
    fix_first: list[FixFirstOut]


class WorkspaceOut(Schema):
    fiscal_year: int
    framework: str
    counts: dict[str, int]
    readiness: ReadinessOut
    items: list[OitItemOut]


def _user(user: Any) -> str | None:
    return None if user is None else (user.get_full_name() or user.username)


def _item(row: queries.Row) -> dict[str, Any]:
    a = row.answer
    return {
        "code": a.code,
        "title": row.title,
        "sub_indicator": row.sub_indicator,
        "period": row.period,
        "unit": a.unit.name if a.unit else None,
        "assignee": _user(a.assignee),
        "due": a.due,
        "overdue": row.overdue,
        "available": a.available,
        "urls": a.url_list,
        "explanation": a.explanation,
        "elements": [{"text": text, "checked": done} for text, done in row.elements],
        "covers_until": a.covers_until,
        "expired": row.expired,
        "status": a.status,
        "filled": a.filled,
        "reviewed": a.reviewed,
        "approved": a.approved,
        "approved_by": _user(a.approved_by),
        "previous": a.previous,
        "link_verdict": a.link_verdict,
        "link_checked": a.link_checked,
    }


@router.get("/agencies/{agency_id}/oit/{year}", response={200: WorkspaceOut, 304: None, **ERRORS})
def get_workspace(
    request: HttpRequest, response: HttpResponse, agency_id: int, year: int = YEAR
) -> Any:
    access = api_access(request, agency_id)
    workspace = found(queries.workspace_of(access.agency, year))
    today = timezone.localdate()
    readiness = queries.readiness(workspace, today=today)
    data = {
        "fiscal_year": workspace.fiscal_year,
        "framework": workspace.framework,
        "counts": queries.counts(workspace),
        "readiness": {
            "passing": readiness.passing,
            "total": readiness.total,
            "oit_indicators": {
                str(n): present.figure(v) for n, v in readiness.oit_indicators.items()
            },
            "overall": present.figure(readiness.overall),
            "grade": readiness.grade,
            "survey_year": readiness.survey_year,
            "fix_first": [
                {"code": f["code"], "title": f["title"], "points": present.figure(f["points"])}
                for f in readiness.fix_first
            ],
        },
        "items": [_item(row) for row in queries.rows(workspace, access, today=today)],
    }
    return present.conditional(request, response, data)
