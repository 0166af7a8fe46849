"""URLs as sent on the wire: percent-encoded exactly once, and the main-domain rule.

Agencies paste addresses with raw Thai paths (`/ข่าว/ประกาศ.pdf`), already encoded ones
(`/%E0%B8%82...`) and a mix of both. `encode_once` encodes what is not encoded yet and
leaves valid `%XX` escapes alone, so encoding twice changes nothing.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PATH_SAFE = "/;:@!$&'()*+,=-._~%"
_QUERY_SAFE = "/?;:@!$&'()*+,=-._~%"


class BadUrl(ValueError):
    """Not an http(s) URL we can fetch."""


def _quote(part: str, safe: str) -> str:
    return quote(_LONE_PERCENT.sub("%25", part), safe=safe)


def _ascii_host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise BadUrl(f"bad host name {host!r}") from exc


def encode_once(url: str) -> str:
    """The URL with non-ASCII and unsafe characters percent-encoded, existing escapes kept.

    The fragment is dropped (it is never sent) and an empty path becomes "/".
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadUrl(f"not an http(s) URL: {url!r}")
    host = _ascii_host(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username is not None:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _quote(parts.path, _PATH_SAFE) or "/",
            _quote(parts.query, _QUERY_SAFE),
            "",
        )
    )


def follow(base: str, location: str) -> str:
    """Where a redirect's Location points, resolved against the current URL and encoded."""
    return encode_once(urljoin(base, location))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def on_domain(host: str, main_domain: str) -> bool:
    """Whether `host` is the main domain or one of its subdomains (www. is ignored)."""
    host, main = _bare(host), _bare(main_domain)
    return host == main or host.endswith("." + main)
