"""The SSRF rule: never connect to a private, loopback or link-local address unless allowed.

The rule is applied to the addresses a host name resolves to (in the resolver, so a name
that points inside is caught after DNS, on every new connection and so on every redirect)
and to IP literals in URLs (which a resolver never sees).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver


class BlockedAddress(OSError):
    """The host is, or resolves to, an address we may not connect to."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} → {address}: private, loopback or link-local address refused")
        self.host = host
        self.address = address


def is_public(address: str) -> bool:
    """Whether an IP address is a public (globally routed) one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def ip_literal(host: str) -> str | None:
    host = host.strip("[]")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def check_literal(host: str, *, allow_private: bool) -> None:
    """Raise `BlockedAddress` for a URL whose host is a non-public IP literal."""
    address = ip_literal(host)
    if address is not None and not allow_private and not is_public(address):
        raise BlockedAddress(host, address)


class SafeResolver(AbstractResolver):
    """Resolves with the system resolver, then refuses non-public addresses.

    `pinned` maps host names to addresses chosen by the operator (like curl's --resolve):
    those are trusted as given. Tests and the bench use it to give names to loopback servers.
    """

    def __init__(self, *, allow_private: bool = False, pinned: Mapping[str, str] | None = None):
        self.allow_private = allow_private
        self.pinned = {name.lower(): address for name, address in (pinned or {}).items()}
        self._system = ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        pinned = self.pinned.get(host.lower().rstrip("."))
        if pinned is not None:
            return [
                ResolveResult(
                    hostname=host,
                    host=pinned,
                    port=port,
                    family=socket.AF_INET6 if ":" in pinned else socket.AF_INET,
                    proto=0,
                    flags=socket.AI_NUMERICHOST,
                )
            ]
        results = await self._system.resolve(host, port, family)
        if not self.allow_private:
            for result in results:
                if not is_public(result["host"]):
                    raise BlockedAddress(host, result["host"])
        return results

    async def close(self) -> None:
        await self._system.close()
