"""Checking many URLs at once: one session, per-host politeness, one soft-404 probe per site.

`check_links` yields a `LinkResult` per item in input order; `run_checks` is the same for
callers without an event loop (the CLI).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from prongsai.links.addresses import SafeResolver
from prongsai.links.content import read_content, url_extension
from prongsai.links.fetch import (
    BROWSER_HEADERS,
    BROWSER_USER_AGENT,
    Fetched,
    Fetcher,
    FetchSettings,
)
from prongsai.links.politeness import HostGate
from prongsai.links.snapshot import Snapshot
from prongsai.links.urls import BadUrl, encode_once, host_of, origin_of
from prongsai.links.verdicts import Expected, Probe, Reason, Seen, Verdict, decide


@dataclass(frozen=True)
class LinkItem:
    url: str
    fiscal_year: int | None = None  # BE
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckOptions:
    main_domain: str | None = None  # None: each URL's own host
    allow_private: bool = False  # let loopback/private/link-local addresses through (tests)
    pinned_hosts: Mapping[str, str] = field(default_factory=dict)  # name → address
    timeout: float = 20.0  # seconds per request
    per_host: int = 4  # requests at a time to one host
    delay: float = 0.0  # seconds between request starts to one host
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_redirects: int = 10
    snapshot_bytes: int = 1_000_000
    read_bytes: int = 10_000_000
    max_bytes: int = 50_000_000
    soft_404_probe: bool = True
    in_flight: int = 512  # URLs being checked at once, all hosts together
    user_agent: str = BROWSER_USER_AGENT


@dataclass(frozen=True)
class LinkResult:
    url: str
    final_url: str
    status: int | None
    verdict: Verdict
    reasons: tuple[Reason, ...]
    elapsed_ms: int
    redirects: tuple[str, ...] = ()
    file_type: str = ""
    size: int = 0
    fiscal_year: int | None = None
    snapshot: Snapshot | None = None

    def summary(self) -> dict[str, Any]:
        """The CLI's line: the contract fields, then file type and size."""
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "verdict": str(self.verdict),
            "reasons": [r.message for r in self.reasons],
            "elapsed_ms": self.elapsed_ms,
            "file_type": self.file_type,
            "size": self.size,
        }


class _Run:
    def __init__(self, session: aiohttp.ClientSession, options: CheckOptions) -> None:
        self.options = options
        self.fetcher = Fetcher(
            session,
            HostGate(per_host=options.per_host, delay=options.delay),
            FetchSettings(
                timeout=options.timeout,
                retries=options.retries,
                backoff=options.backoff,
                max_retry_after=options.max_retry_after,
                max_redirects=options.max_redirects,
                keep_bytes=options.read_bytes,
                max_bytes=options.max_bytes,
                allow_private=options.allow_private,
            ),
        )
        self.probes: dict[str, asyncio.Task[Probe | None]] = {}

    async def probe(self, final_url: str) -> Probe | None:
        origin = origin_of(final_url)
        if origin not in self.probes:
            self.probes[origin] = asyncio.ensure_future(self._probe(origin))
        return await self.probes[origin]

    async def _probe(self, origin: str) -> Probe | None:
        fetched = await self.fetcher.fetch(f"{origin}/{secrets.token_hex(12)}")
        if fetched.failure is not None:
            return None
        content = read_content(fetched.body, fetched.header("Content-Type") or "")
        return Probe(fetched.status, fetched.final_url, content.title, fetched.size)

    async def check(self, item: LinkItem) -> LinkResult:
        options = self.options
        try:
            url = encode_once(item.url)
        except BadUrl as exc:
            reason = Reason("bad_url", str(exc), f"ที่อยู่ไม่ถูกต้อง ({exc})")
            return LinkResult(item.url, item.url, None, Verdict.BROKEN, (reason,), 0)
        fetched = await self.fetcher.fetch(url)
        content = read_content(fetched.body, fetched.header("Content-Type") or "")
        fetched.body = b"" if fetched.failure else fetched.body
        probe = None
        if (
            options.soft_404_probe
            and fetched.failure is None
            and fetched.status == 200
            and content.file_type == "html"
        ):
            probe = await self.probe(fetched.final_url)
        seen = Seen(
            url=url,
            final_url=fetched.final_url,
            status=fetched.status,
            redirected=bool(fetched.hops),
            failure_kind=fetched.failure.kind if fetched.failure else None,
            failure=fetched.failure.message if fetched.failure else "",
            tls_problem=fetched.tls_problem,
            file_type=content.file_type,
            url_extension=url_extension(fetched.final_url),
            size=fetched.size,
            title=content.title,
            text=content.text,
            probe=probe,
        )
        expected = Expected(
            main_domain=options.main_domain or host_of(url),
            fiscal_year=item.fiscal_year,
            keywords=item.keywords,
        )
        verdict, reasons = decide(seen, expected)
        return LinkResult(
            url=item.url,
            final_url=fetched.final_url,
            status=fetched.status,
            verdict=verdict,
            reasons=tuple(reasons),
            elapsed_ms=fetched.elapsed_ms,
            redirects=tuple(hop.url for hop in fetched.hops),
            file_type=content.file_type if fetched.failure is None else "",
            size=fetched.size,
            fiscal_year=item.fiscal_year,
            snapshot=_snapshot(fetched, options.snapshot_bytes),
        )


def _snapshot(fetched: Fetched, cap: int) -> Snapshot | None:
    if fetched.status is None or fetched.fetched_at is None or fetched.failure is not None:
        return None
    return Snapshot.capture(
        url=fetched.url,
        final_url=fetched.final_url,
        fetched_at=fetched.fetched_at,
        status=fetched.status,
        headers=fetched.headers,
        sha256=fetched.sha256,
        size=fetched.size,
        complete=fetched.complete,
        body=fetched.body,
        body_cap=cap,
    )


def _session(options: CheckOptions) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        resolver=SafeResolver(allow_private=options.allow_private, pinned=options.pinned_hosts),
        limit=0,  # the host gate limits
        ttl_dns_cache=300,
    )
    return aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": options.user_agent, **BROWSER_HEADERS},
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=options.timeout),
    )


async def check_links(
    items: Iterable[LinkItem], options: CheckOptions | None = None
) -> AsyncIterator[LinkResult]:
    """Check every item; yield the results in the order of the items."""
    options = options or CheckOptions()
    async with _session(options) as session:
        run = _Run(session, options)
        room = asyncio.Semaphore(options.in_flight)
        pending: asyncio.Queue[asyncio.Task[LinkResult] | None] = asyncio.Queue()

        async def one(item: LinkItem) -> LinkResult:
            try:
                return await run.check(item)
            finally:
                room.release()

        async def feed() -> None:
            for item in items:
                await room.acquire()
                await pending.put(asyncio.ensure_future(one(item)))
            await pending.put(None)

        feeder = asyncio.ensure_future(feed())
        try:
            while (task := await pending.get()) is not None:
                yield await task
        finally:
            feeder.cancel()
            for probe in run.probes.values():
                probe.cancel()


def run_checks(
    items: Iterable[LinkItem],
    options: CheckOptions | None = None,
    on_result: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """`check_links` without an event loop.

    With `on_result`, each result goes to it as it comes (in input order) and the list
    returned is empty, so a long list is never held in memory.
    """

    async def collect() -> list[LinkResult]:
        results = []
        async for result in check_links(items, options):
            if on_result is not None:
                on_result(result)
            else:
                results.append(result)
        return results

    return asyncio.run(collect())
