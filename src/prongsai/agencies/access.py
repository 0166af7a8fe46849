"""Who may see and change what: the one place that decides.

Every view asks `require(request, agency_id, action)` before it reads or writes an
agency's data. A user who is not a member of the agency gets a 404, so other agencies
do not even appear to exist; a member without the right gets a 403. A member of an
oversight body (a province, a district, …) reads the agencies the body oversees as
their own viewers would and changes nothing there; a manager of the body may only
import results for them (`require_importer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from prongsai.agencies.models import Agency, Membership, Role

T = TypeVar("T")


class Action(StrEnum):
    VIEW = "view"
    RESULTS = "results"  # import and enter ITA results
    PLAN = "plan"  # write the measures plan, submit it
    APPROVE = "approve"  # approve a submitted plan
    PROGRESS = "progress"  # record progress (unit editors: their unit's measures only)
    PUBLISH = "publish"  # put documents on the public page
    ADMIN = "admin"  # agency details, units, signers, members, templates, audit trail


ALLOWED: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset(Role.values),
    Action.RESULTS: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.PLAN: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.APPROVE: frozenset({Role.EXECUTIVE}),
    Action.PROGRESS: frozenset({Role.ADMIN, Role.COORDINATOR, Role.UNIT_EDITOR}),
    Action.PUBLISH: frozenset({Role.ADMIN, Role.COORDINATOR}),
    Action.ADMIN: frozenset({Role.ADMIN}),
}


@dataclass(frozen=True)
class Access:
    agency: Agency
    role: str
    unit_id: int | None
    user: Any

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    def can(self, action: Action) -> bool:
        return self.role in ALLOWED[action]

    def can_update(self, unit_ids: set[int]) -> bool:
        """May record progress on a measure of these units."""
        if self.role == Role.UNIT_EDITOR:
            return self.unit_id is not None and self.unit_id in unit_ids
        return self.can(Action.PROGRESS)


def found(value: T | None) -> T:
    """The looked-up object, or a 404 (a query answers None for what is not there)."""
    if value is None:
        raise Http404
    return value


def agencies_for(user: Any) -> QuerySet[Agency]:
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user)


def access_for(user: Any, agency_id: int) -> Access:
    """The user's access to one agency; 404 when they are not a member."""
    if not user.is_authenticated or not 0 < agency_id < 2**63:  # a database integer
        raise Http404
    if user.is_superuser:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            raise Http404
        return Access(agency, Role.ADMIN, None, user)
    membership = (
        Membership.objects.select_related("agency").filter(user=user, agency_id=agency_id).first()
    )
    if membership is None:
        return _overseen(user, agency_id)
    return Access(membership.agency, membership.role, membership.unit_id, user)


def _overseen(user: Any, agency_id: int) -> Access:
    """Viewer access through an oversight body; 404 when no body of theirs oversees it."""
    from prongsai.oversight.queries import oversees

    if not oversees(user, agency_id):
        raise Http404
    return Access(Agency.objects.get(pk=agency_id), Role.VIEWER, None, user)


def require(request: HttpRequest, agency_id: int, action: Action = Action.VIEW) -> Access:
    access = access_for(request.user, agency_id)
    if not access.can(action):
        raise PermissionDenied
    return access


def require_body(request: HttpRequest, body_id: int) -> Any:
    """The oversight body if the user sits in it (a site administrator sits in every
    one); 404 for everyone else, so other bodies do not appear to exist."""
    from prongsai.oversight.queries import body_for

    if not request.user.is_authenticated:
        raise Http404
    return found(body_for(request.user, body_id))


def require_importer(request: HttpRequest, body_id: int) -> Any:
    """A body's managers (and site administrators) import results for the agencies the
    body oversees; its readers get 403, everyone else 404."""
    from prongsai.oversight.queries import may_import

    body = require_body(request, body_id)
    if not may_import(request.user, body):
        raise PermissionDenied
    return body
