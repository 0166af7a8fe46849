"""Link health for OIT items: is each URL alive, on the agency's site, about the right year?

Pure Python (no Django). One concept per module:

- `urls`: percent-encoding exactly once, hosts and the main-domain rule
- `addresses`: the SSRF rule (no private, loopback or link-local address unless allowed),
  applied by the resolver after DNS and to IP literals on every redirect
- `politeness`: per-host concurrency, delay, 429/Retry-After, backoff
- `fetch`: one URL through its redirect chain with retries and timeouts (aiohttp)
- `content`: file type, size, title, text, fiscal years and keywords of a page or file
- `verdicts`: the rules that turn what was seen into a verdict with reasons
- `snapshot`: the proof kept for each check (headers, hash, capped body, time)
- `checker`: many URLs at once, soft-404 probes, results in input order
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prongsai.links.checker import (
        CheckOptions,
        LinkItem,
        LinkResult,
        check_links,
        run_checks,
    )
    from prongsai.links.snapshot import Snapshot
    from prongsai.links.verdicts import Reason, Verdict

# Imported on first use: the HTTP client takes a quarter of a second to import, and the
# `prongsai` command imports every command group at start.
_WHERE = {
    "CheckOptions": "checker",
    "LinkItem": "checker",
    "LinkResult": "checker",
    "check_links": "checker",
    "run_checks": "checker",
    "Snapshot": "snapshot",
    "Reason": "verdicts",
    "Verdict": "verdicts",
}
__all__ = [
    "CheckOptions",
    "LinkItem",
    "LinkResult",
    "Reason",
    "Snapshot",
    "Verdict",
    "check_links",
    "run_checks",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"prongsai.links.{_WHERE[name]}"), name)
