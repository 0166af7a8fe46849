"""Every read of the oversight app: bodies, their agencies, the dashboard, peers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from prongsai.agencies.models import Agency
from prongsai.oversight.models import Body
from prongsai.oversight.scope import scope_filter


def bodies_for(user: Any) -> QuerySet[Body]:
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.all()
    return Body.objects.filter(members=user)


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
