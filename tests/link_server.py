"""A real HTTP server on 127.0.0.1 for the link checker's tests, run in a thread.

Host names are pinned to 127.0.0.1 by the checker (`CheckOptions.pinned_hosts`), so the
server answers by Host header: agency.example is the agency's main website, other.example
is somewhere else, soft.example answers 200 to every address (a soft-404 site).
"""

from __future__ import annotations

import asyncio
import re
import ssl
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

THAI_PATH = "/ข่าว/ประกาศ ITA.html"
# /fy2570/… : a page of fiscal year 2570 (any year), for the OIT workspace's journeys.
_FISCAL_YEAR_PAGE = re.compile(r"^/fy(\d{4})(?:/|$)")
HOSTS = ("agency.example", "other.example", "soft.example")


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def office_files() -> dict[str, tuple[bytes, str]]:
    """A Word and an Excel file that name the fiscal year ๒๕๖๗ (made with the project's own
    python-docx and openpyxl)."""
    import io

    import docx
    import openpyxl

    word = docx.Document()
    word.add_paragraph("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    word_bytes = io.BytesIO()
    word.save(word_bytes)
    book = openpyxl.Workbook()
    book.active["A1"] = "รายงานการใช้จ่ายงบประมาณ ปี 2567"
    book_bytes = io.BytesIO()
    book.save(book_bytes)
    ooxml = "application/vnd.openxmlformats-officedocument"
    return {
        "/plan.docx": (word_bytes.getvalue(), f"{ooxml}.wordprocessingml.document"),
        "/spending.xlsx": (book_bytes.getvalue(), f"{ooxml}.spreadsheetml.sheet"),
    }


OFFICE = office_files()


def page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{body}</p></body></html>"
    )


MISSING_PAGE = page("เทศบาลตำบลตัวอย่าง", "ยินดีต้อนรับสู่เว็บไซต์ " + "ข่าวสาร " * 40)


@dataclass
class LinkServer:
    port: int = 0
    hits: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    raw_paths: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)

    scheme: str = "http"

    def url(self, path: str, host: str = "agency.example") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    @property
    def pinned(self) -> dict[str, str]:
        return dict.fromkeys(HOSTS, "127.0.0.1")

    async def handle(self, request: web.Request) -> web.StreamResponse:
        host = request.host.split(":")[0]
        path = request.path
        self.hits[path].append(time.monotonic())
        self.raw_paths.append(request.raw_path)
        self.agents.add(request.headers.get("User-Agent", ""))
        count = len(self.hits[path])
        html = "text/html"
        if host == "soft.example" and path != "/real":
            return web.Response(text=MISSING_PAGE, content_type=html)
        if host == "other.example":
            return web.Response(text=page("ที่อื่น", "ปีงบประมาณ 2567"), content_type=html)
        if path == "/":
            return web.Response(text=page("หน้าหลัก", "ยินดีต้อนรับ"), content_type=html)
        if path == "/real":
            body = "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ " + "รายการ " * 30
            return web.Response(text=page("แผนจัดซื้อ ๒๕๖๗", body), content_type=html)
        if path == "/ok":
            body = "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (ต.ค. ๒๕๖๖ – ก.ย. ๒๕๖๗)"
            return web.Response(text=page("รายงานผล ๒๕๖๗", body), content_type=html)
        if path == "/ok-ce":
            body = "Annual report, fiscal year 2024 (October 2023 to September 2024)"
            return web.Response(text=page("Annual report", body), content_type=html)
        if path == "/old":
            body = "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ และ 2566"
            return web.Response(text=page("รายงานผล", body), content_type=html)
        if path == "/gone-title":
            return web.Response(text=page("404 Not Found", "ไม่พบหน้า"), content_type=html)
        if path == "/error":
            return web.Response(status=500, text="error")
        if path == "/flaky":
            if count == 1:
                return web.Response(status=503, text="busy")
            return web.Response(text=page("ประกาศ 2567", "ประกาศ ปี 2567"), content_type=html)
        if path == "/limited":
            if count == 1:
                return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
            return web.Response(text=page("ประกาศ 2567", "ประกาศ ปี 2567"), content_type=html)
        if path == "/slow":
            await asyncio.sleep(3)
            return web.Response(text=page("ช้า", "2567"), content_type=html)
        if path == "/report.pdf":
            return web.Response(
                body=tiny_pdf("Procurement plan fiscal year 2567"),
                content_type="application/pdf",
            )
        if path in OFFICE:
            body, content_type = OFFICE[path]
            return web.Response(body=body, content_type=content_type)
        if path == "/fake.pdf":
            return web.Response(text=page("ดาวน์โหลด 2567", "กำลังดาวน์โหลด 2567"), content_type=html)
        if path == "/empty.pdf":
            return web.Response(body=b"", content_type="application/pdf")
        if path == "/redirect-away":
            raise web.HTTPFound(self.url("/page", host="other.example"))
        if path == "/redirect-inside":
            raise web.HTTPFound(f"http://127.0.0.1:{self.port}/ok")
        if path == "/redirect-ok":
            raise web.HTTPMovedPermanently("/ok")
        if path == "/nowhere":
            return web.Response(status=302, text="moved")
        if path == "/loop":
            raise web.HTTPFound("/loop")
        if (year := _FISCAL_YEAR_PAGE.match(path)) is not None:  # a page of any year
            await asyncio.sleep(0.3)  # a real site's pace: a progress bar has time to move
            body = f"ข้อมูลประจำปีงบประมาณ พ.ศ. {year.group(1)} " + "รายละเอียด " * 30
            return web.Response(text=page(f"ITA {year.group(1)}", body), content_type=html)
        if path == THAI_PATH:
            body = "ประกาศเจตนารมณ์ ปี ๒๕๖๗"
            return web.Response(text=page("ประกาศ", body), content_type=html)
        return web.Response(status=404, text=page("Not found", "ไม่พบ"), content_type=html)


def self_signed(directory: Path) -> ssl.SSLContext:
    """A server TLS context with a self-signed certificate for agency.example (openssl CLI)."""
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=agency.example",
            "-addext",
            "subjectAltName=DNS:agency.example",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[LinkServer]:
    server = LinkServer(scheme="https" if tls else "http")
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app, access_log=None)

    async def start() -> None:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=tls)
        await site.start()
        server.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def encoded(path: str) -> str:
    return quote(path)
