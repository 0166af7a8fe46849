"""Who may call what: the workbench's one access helper, narrowed by the API token.

A token reaches only the agencies it was made for (others are a 404, as for a
non-member) and writes only with the write scope (else 403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from prongsai.agencies.access import Access, Action, access_for


def token_of(request: HttpRequest) -> object | None:
    return getattr(request, "api_token", None)


def api_access(request: HttpRequest, agency_id: int, action: Action = Action.VIEW) -> Access:
    token = token_of(request)
    if not 0 < agency_id < 2**63:
        raise Http404
    if token is not None and not token.agencies.filter(pk=agency_id).exists():  # type: ignore[attr-defined]
        raise Http404
    access = access_for(request.user, agency_id)
    if not access.can(action):
        raise PermissionDenied
    return access


def require_write(request: HttpRequest) -> None:
    """Writes need the write scope when the call comes with a token."""
    token = token_of(request)
    if token is not None and not token.writes:  # type: ignore[attr-defined]
        raise PermissionDenied
