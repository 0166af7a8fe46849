"""The proof kept for each check: what the server answered, when, and a hash of it.

A plain dataclass the OIT workspace can store as it is: headers as a list of pairs (a JSON
field), the body capped (a binary field or a file), the SHA-256 of everything received.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Snapshot:
    url: str
    final_url: str
    fetched_at: datetime  # UTC
    status: int
    headers: tuple[tuple[str, str], ...]
    sha256: str  # of every byte received (`size` of them)
    size: int
    complete: bool  # False when the body was larger than the download cap
    content_type: str
    body: bytes  # the first `body_cap` bytes of the page or file
    body_truncated: bool

    @classmethod
    def capture(
        cls,
        *,
        url: str,
        final_url: str,
        fetched_at: datetime,
        status: int,
        headers: list[tuple[str, str]],
        sha256: str,
        size: int,
        complete: bool,
        body: bytes,
        body_cap: int,
    ) -> Snapshot:
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        return cls(
            url=url,
            final_url=final_url,
            fetched_at=fetched_at,
            status=status,
            headers=tuple(headers),
            sha256=sha256,
            size=size,
            complete=complete,
            content_type=content_type,
            body=body[:body_cap],
            body_truncated=len(body) > body_cap or not complete,
        )

    def to_dict(self, *, with_body: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "url": self.url,
            "final_url": self.final_url,
            "fetched_at": self.fetched_at.isoformat(),
            "status": self.status,
            "headers": [list(pair) for pair in self.headers],
            "sha256": self.sha256,
            "size": self.size,
            "complete": self.complete,
            "content_type": self.content_type,
            "body_truncated": self.body_truncated,
        }
        if with_body:
            data["body_base64"] = base64.b64encode(self.body).decode("ascii")
        return data
