"""Per-address limits on what anyone may do without signing in (survey submissions,
public PDF downloads): a count per client address in a fixed time window, kept in the
cache under a keyed hash, so the address itself is never stored.

The address is taken the way the login limits take it (`login_limits.client_address`):
REMOTE_ADDR, or the address a configured trusted proxy appended, never a header the
client could choose alone. The counts live in Django's cache: with the default
in-memory cache each server process counts on its own; a shared cache (Redis,
database) makes the limit hold across processes."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from prongsai.web.login_limits import client_address


@dataclass(frozen=True)
class RateLimit:
    scope: str  # a name of its own for each limit, so counts never mix
    setting: str  # the settings name of the number allowed per window
    default: int
    window: int  # seconds

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.default))

    def wait(self, request: HttpRequest) -> int | None:
        """Count this request; the seconds until the address may try again when it is
        over the limit, else None."""
        now = time.time()
        bucket = int(now // self.window)
        secret = f"{settings.SECRET_KEY}|{client_address(request)}"
        digest = hashlib.sha256(secret.encode()).hexdigest()[:32]
        key = f"rate:{self.scope}:{digest}:{bucket}"
        cache.add(key, 0, self.window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, self.window)
            count = 1
        if count <= self.allowed:
            return None
        return max(1, int((bucket + 1) * self.window - now))


def too_many(message: str, wait: int) -> HttpResponse:
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response
