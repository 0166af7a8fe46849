"""Login throttling with django-axes, for every login path (this site's page and
/admin/login/ alike: axes works at authentication itself, so a path cannot go around it).

Failures are kept in the database, so every gunicorn worker sees the same counts. A
username and address pair is paused after LOGIN_ATTEMPTS failures; one address, whatever
the usernames, after LOGIN_ADDRESS_ATTEMPTS (higher: an office's staff share one address
behind its router). The client address is REMOTE_ADDR, or, when LOGIN_PROXY_HEADER names
the header a trusted reverse proxy sets, the address that proxy appended to it: never a
header the client could choose alone.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address a pause applies to (settings.AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.LOGIN_PROXY_HEADER
    if header:
        # The proxy appends the address it saw: the last entry. Earlier ones came from
        # the client and prove nothing.
        candidate = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return remote


class LoginHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """axes' database handler with a second, higher limit per address."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """Failures measured against AXES_FAILURE_LIMIT: the pair's own, or the
        address's beyond the extra it is allowed (so the address pauses at
        LOGIN_ADDRESS_ATTEMPTS)."""
        pair = super().get_failures(request, credentials)
        address = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(failures=Sum("failures_since_start"))["failures"]
        extra = settings.LOGIN_ADDRESS_ATTEMPTS - settings.AXES_FAILURE_LIMIT
        return max(pair, (address or 0) - extra)
