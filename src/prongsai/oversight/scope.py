"""Which agencies a body oversees, as one filter (used by the access helper, the
queries and the services alike)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from prongsai.oversight.models import Body


def scope_filter(body: Body, prefix: str = "") -> Q:
    """A filter on agencies, or with `prefix="agency__"` on rows that belong to one:
    the agencies of the body's province, district and kinds, and those it lists."""
    listed_ids = Body.agencies.through.objects.filter(body_id=body.pk).values("agency_id")
    listed = Q(**{f"{prefix}pk__in" if not prefix else f"{prefix}id__in": listed_ids})
    if not body.has_scope:
        return listed
    rule: dict[str, Any] = {}
    if body.province:
        rule[f"{prefix}province"] = body.province
    if body.district:
        rule[f"{prefix}district"] = body.district
    if body.kinds:
        rule[f"{prefix}kind__in"] = list(body.kinds)
    return Q(**rule) | listed
