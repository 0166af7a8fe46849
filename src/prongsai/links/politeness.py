"""Politeness towards each host: a concurrency limit, a delay between requests, and pauses.

A 429 (Too Many Requests) pauses the whole host for its Retry-After, not only the request
that received it; retries back off exponentially.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return float(max(0.0, when.timestamp() - (time.time() if now is None else now)))


def backoff_seconds(attempt: int, base: float) -> float:
    """Exponential backoff: base, 2·base, 4·base … for attempts 0, 1, 2 …"""
    return base * float(2**attempt)


@dataclass
class _Host:
    slots: asyncio.Semaphore
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class HostGate:
    """At most `per_host` requests at a time to one host, started `delay` seconds apart."""

    def __init__(self, *, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._hosts: dict[str, _Host] = {}

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(asyncio.Semaphore(self.per_host))
        return host

    def pause(self, key: str, seconds: float) -> None:
        """No new request to this host for `seconds` (a 429's Retry-After)."""
        host = self._host(key)
        host.next_start = max(host.next_start, time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self, key: str) -> AsyncIterator[None]:
        host = self._host(key)
        async with host.slots:
            async with host.lock:
                while (wait := host.next_start - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                host.next_start = max(host.next_start, time.monotonic()) + self.delay
            yield
