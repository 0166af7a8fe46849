"""Fetching one URL: its redirect chain, retries, timeouts, TLS problems and the SSRF rule.

The HTTP client is aiohttp (chosen by bench/link_check.py: see the commit that added it).
Redirects are followed here, not by the client, so that every hop is recorded and checked
against the SSRF rule. A TLS problem is retried without verification and reported as a
warning. Timeouts are not retried (a slow server stays slow); connection errors, 502/503/504
and 429 are, with backoff, and a 429 pauses its host for Retry-After.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import aiohttp
from yarl import URL

from prongsai.links.addresses import BlockedAddress, check_literal
from prongsai.links.politeness import HostGate, backoff_seconds, retry_after_seconds
from prongsai.links.urls import BadUrl, follow, host_of

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# A current desktop browser: some government sites answer scripts with 403.
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 prongsai-links"
)
BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "th-TH,th;q=0.9,en;q=0.8",
}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Hop:
    url: str
    status: int


@dataclass(frozen=True)
class FetchFailure:
    """Why no final response was obtained: a `kind` for the rules and a message for people."""

    kind: str  # timeout, blocked, dns, connection, too_many_redirects, bad_redirect, rate_limited
    message: str


@dataclass
class Fetched:
    url: str
    final_url: str
    hops: list[Hop] = field(default_factory=list)
    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""  # the first `keep_bytes` of the body
    size: int = 0  # bytes received (the whole body unless `complete` is false)
    complete: bool = True
    sha256: str = ""
    fetched_at: datetime | None = None
    elapsed_ms: int = 0
    failure: FetchFailure | None = None
    tls_problem: str | None = None
    attempts: int = 0

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_redirects: int = 10
    keep_bytes: int = 10_000_000  # kept in memory for reading text
    max_bytes: int = 50_000_000  # read (and hashed) at most this much
    allow_private: bool = False


class Fetcher:
    def __init__(
        self, session: aiohttp.ClientSession, gate: HostGate, settings: FetchSettings
    ) -> None:
        self.session = session
        self.gate = gate
        self.settings = settings

    async def fetch(self, url: str) -> Fetched:
        result = Fetched(url=url, final_url=url)
        current = url
        for _ in range(self.settings.max_redirects + 1):
            result.final_url = current
            try:
                check_literal(host_of(current), allow_private=self.settings.allow_private)
            except BlockedAddress as exc:
                result.failure = FetchFailure("blocked", str(exc))
                return result
            await self._get(current, result)
            if result.failure is not None:
                return result
            location = result.header("Location")
            if result.status not in REDIRECT_STATUSES or not location:
                return result
            result.hops.append(Hop(current, result.status))
            try:
                current = follow(current, location)
            except BadUrl as exc:
                result.failure = FetchFailure("bad_redirect", str(exc))
                return result
        result.failure = FetchFailure(
            "too_many_redirects", f"more than {self.settings.max_redirects} redirects"
        )
        return result

    async def _get(self, url: str, result: Fetched) -> None:
        """One address, with retries; fills `result`."""
        settings = self.settings
        key = host_of(url)  # politeness is per host name, whatever the scheme or port
        verify = True
        attempt = 0
        while True:
            result.attempts += 1
            started = time.monotonic()
            retry_in: float | None = None
            try:
                async with self.gate.slot(key):
                    started = time.monotonic()
                    await self._request(url, result, verify)
            except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError) as exc:
                if verify:
                    result.tls_problem = str(exc.os_error if hasattr(exc, "os_error") else exc)
                    verify = False
                    continue
                result.failure = FetchFailure("connection", str(exc))
            except TimeoutError:
                result.failure = FetchFailure(
                    "timeout", f"no complete answer within {settings.timeout:g} s"
                )
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, BlockedAddress):
                    result.failure = FetchFailure("blocked", str(exc.os_error))
                else:
                    kind = "dns" if isinstance(exc, aiohttp.ClientConnectorDNSError) else None
                    result.failure = FetchFailure(kind or "connection", str(exc.os_error or exc))
                    retry_in = None if kind else backoff_seconds(attempt, settings.backoff)
            except (aiohttp.ClientError, OSError) as exc:
                result.failure = FetchFailure("connection", str(exc) or type(exc).__name__)
                retry_in = backoff_seconds(attempt, settings.backoff)
            finally:
                result.elapsed_ms += round((time.monotonic() - started) * 1000)
            if result.failure is None and result.status in RETRY_STATUSES:
                retry_in = backoff_seconds(attempt, settings.backoff)
                if result.status == 429:
                    asked = retry_after_seconds(result.header("Retry-After"))
                    if asked is not None:
                        retry_in = asked
                    if retry_in > settings.max_retry_after:
                        result.failure = FetchFailure(
                            "rate_limited", f"429, Retry-After {retry_in:g} s is too long"
                        )
                        return
                    self.gate.pause(key, retry_in)
                    retry_in = 0.0  # the gate waits
            if retry_in is None or attempt >= settings.retries:
                if result.status == 429 and result.failure is None:
                    result.failure = FetchFailure(
                        "rate_limited", f"still 429 after {attempt + 1} attempts"
                    )
                return
            attempt += 1
            result.failure = None
            if retry_in:
                await asyncio.sleep(retry_in)

    async def _request(self, url: str, result: Fetched, verify: bool) -> None:
        settings = self.settings
        async with self.session.get(
            URL(url, encoded=True),
            allow_redirects=False,
            ssl=verify,  # True: verified with the default context; False: not verified
            timeout=aiohttp.ClientTimeout(total=settings.timeout),
        ) as response:
            digest = hashlib.sha256()
            kept = bytearray()
            size = 0
            complete = True
            if response.status not in REDIRECT_STATUSES:
                async for chunk in response.content.iter_chunked(_CHUNK):
                    size += len(chunk)
                    digest.update(chunk)
                    if len(kept) < settings.keep_bytes:
                        kept += chunk[: settings.keep_bytes - len(kept)]
                    if size >= settings.max_bytes:
                        complete = False
                        break
            result.status = response.status
            result.headers = list(response.headers.items())
            result.body = bytes(kept)
            result.size = size
            result.complete = complete
            result.sha256 = digest.hexdigest()
            result.fetched_at = datetime.now(UTC)
