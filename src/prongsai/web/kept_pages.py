"""Pages that are the same for every visitor but for the CSRF token: rendered once, kept
in the cache for a while, ready compressed, and completed for each request.

The pulse survey's answer pages are such pages while nothing is chosen on them (and so is
its thanks page); they take most requests of an answer, and rendering them had cost more
than the rest of such a request. Page 1 holds every question (about 45 kB): gzip makes it
a tenth of that for a phone on a slow connection.

The page is split where the request's CSRF token goes. The part before it is deflated
once, ending on a full flush, so that a new deflate stream may follow it; each request
deflates only its token and the rest of the page (a few hundred bytes after the token,
which templates put last in a form) and adds the gzip trailer, whose CRC-32 continues
from the first part's. A CSRF token is masked anew for every request, so the compressed
length says nothing about it (BREACH), and no visitor's input is on a kept page.
"""

from __future__ import annotations

import re
import secrets
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

# Render with this as csrf_token: the hole. Random for each process, so that no text on
# a page (an agency's name) can hold it; a kept page is split where it was rendered.
CSRF_MARK = f"csrf-token-{secrets.token_hex(16)}"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time


@dataclass(frozen=True)
class KeptPage:
    head: bytes  # the page up to the CSRF token (all of it without one)
    tail: bytes | None  # the rest after the token; None: no token on the page
    gzip_head: bytes  # GZIP_HEADER and head deflated, ending on a full flush
    head_crc: int

    @classmethod
    def of(cls, html: str) -> KeptPage:
        head, mark, tail = html.partition(CSRF_MARK)
        head_bytes = head.encode()
        deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        deflated = deflate.compress(head_bytes) + deflate.flush(zlib.Z_FULL_FLUSH)
        return cls(
            head=head_bytes,
            tail=tail.encode() if mark else None,
            gzip_head=GZIP_HEADER + deflated,
            head_crc=zlib.crc32(head_bytes),
        )

    def response(self, request: HttpRequest) -> HttpResponse:
        rest = b"" if self.tail is None else get_token(request).encode() + self.tail
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            deflate = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
            size = (len(self.head) + len(rest)) & 0xFFFFFFFF
            trailer = struct.pack("<II", zlib.crc32(rest, self.head_crc), size)
            body = self.gzip_head + deflate.compress(rest) + deflate.flush() + trailer
            response = HttpResponse(body)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(self.head + rest)
        patch_vary_headers(response, ["Accept-Encoding"])
        return response


def kept_page(
    request: HttpRequest, key: str, render: Callable[[], str], seconds: int
) -> HttpResponse:
    """The response of the page kept under `key`; `render` makes it (rendering with
    csrf_token=CSRF_MARK) when it is not kept, and it is kept `seconds`."""
    key = f"kept-page:{key}"
    page = cache.get(key)
    if page is None:
        page = KeptPage.of(render())
        cache.set(key, page, seconds)
    return page.response(request)
