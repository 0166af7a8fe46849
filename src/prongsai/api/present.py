"""Stored objects as the API's plain values; lists a page at a time; ETags."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Status

from prongsai.thai import be_month


def page_of(items: Any, page: int, page_size: int, present: Any) -> dict[str, Any]:
    count = len(items) if isinstance(items, list) else items.count()
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "items": [present(item) for item in items[start : start + page_size]],
    }


def conditional(request: HttpRequest, response: HttpResponse, data: Any) -> Status[Any]:
    """An ETag for the data; 304 when the caller already holds this version."""
    payload = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    tag = '"' + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32] + '"'
    response["ETag"] = tag
    if tag in request.headers.get("If-None-Match", ""):
        return Status(304, None)
    return Status(200, data)


def etag_of(item: Any) -> str:
    """The ETag of one measure or progress entry: which row at which version, so that a
    tag of another row, or of an older version, never matches in If-Match."""
    return f'"{type(item).__name__.lower()}-{item.pk}-{item.version}"'


ETAG = re.compile(r'(?:W/)?"([a-z]+)-(\d+)-(\d+)"')


def version_in_etag(tag: str, item: Any) -> int | None:
    """The version an ETag of `etag_of` names, if it is a tag of `item`."""
    match = ETAG.fullmatch(tag.strip())
    if match is None or (match[1], match[2]) != (type(item).__name__.lower(), str(item.pk)):
        return None
    return int(match[3])


def figure(value: Any) -> float | None:
    """A Decimal (or None) as a JSON number, unrounded: the engine's own value."""
    return None if value is None else float(value)


def agency(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.name,
        "kind": item.kind,
        "province": item.province,
        "district": item.district,
        "website": item.website,
    }


def _overall(analysis: dict[str, Any]) -> float | None:
    return figure(analysis.get("overall"))


def assessment_summary(item: Any) -> dict[str, Any]:
    return {
        "fiscal_year": item.fiscal_year,
        "framework": item.framework,
        "overall": _overall(item.analysis),
        "grade": item.analysis.get("grade"),
        "rating": item.analysis.get("rating"),
        "published": item.published,
        "updated": item.updated,
    }


def _month(day: Any) -> str:
    year, month = be_month(day)
    return f"{year}-{month:02d}"


def measure(item: Any) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "steps": item.step_lines,
        "units": [u.name for u in item.units.all()],
        "start": _month(item.start),
        "end": _month(item.end),
        "follow_up": item.follow_up,
        "kpi": item.kpi,
        "indicators": [int(n) for n in item.indicators],
        "oit_items": list(item.oit_items),
        "version": item.version,
    }


def plan_summary(item: Any) -> dict[str, Any]:
    return {
        "fiscal_year": item.fiscal_year,
        "status": item.status,
        "submitted": item.submitted,
        "approved": item.approved,
        "published": item.published,
        "measure_count": item.measures.active().count(),
    }


def round_summary(item: Any) -> dict[str, Any]:
    return {"months": item.months, "as_of": item.as_of, "published": item.published}


def entry(item: Any) -> dict[str, Any]:
    return {
        "measure": item.measure.number,
        "status": item.status,
        "done": item.done,
        "done_on": item.done_on,
        "problems": item.problems,
        "solutions": item.solutions,
        "reason": item.reason,
        "overdue": item.overdue,
        "version": item.version,
        "evidence": [
            {
                "id": e.pk,
                "name": e.name,
                "url": e.url,
                "content_type": e.content_type,
                "size": e.size,
                "uploaded": e.uploaded,
            }
            for e in item.evidence.all()
        ],
    }


def audit(item: Any) -> dict[str, Any]:
    changes = item.changes_dict if isinstance(item.changes_dict, dict) else {}
    return {
        "timestamp": item.timestamp,
        "actor": item.actor.get_username() if item.actor else None,
        "action": {0: "create", 1: "update", 2: "delete", 3: "access"}.get(item.action, "other"),
        "object": item.object_repr,
        "changes": changes,
    }
