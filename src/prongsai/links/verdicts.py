"""The verdict rules: what was seen at a URL → one verdict and every reason found.

Each rule looks at the same `Seen` and returns its reasons; the verdict is the first rule,
in order of severity, that found something. Reasons of later rules are kept too, so a page
that is a soft 404 *and* names the wrong year says both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from prongsai.links.content import FILE_TYPES, mentions_fiscal_year, missing_keywords
from prongsai.links.content import years_mentioned as _years
from prongsai.links.urls import host_of, on_domain
from prongsai.thai import to_thai_digits


class Verdict(StrEnum):
    OK = "ok"
    BROKEN = "broken"
    SOFT_404 = "soft_404"
    OFF_DOMAIN = "off_domain"
    WRONG_YEAR = "wrong_year"
    TIMEOUT = "timeout"
    WARNING = "warning"

    @property
    def thai(self) -> str:
        return _THAI[self]


_THAI = {
    Verdict.OK: "ใช้ได้",
    Verdict.BROKEN: "เปิดไม่ได้",
    Verdict.SOFT_404: "หน้าไม่มีจริง",
    Verdict.OFF_DOMAIN: "ออกนอกเว็บไซต์หลัก",
    Verdict.WRONG_YEAR: "ไม่ตรงปีงบประมาณ",
    Verdict.TIMEOUT: "หมดเวลา",
    Verdict.WARNING: "ควรตรวจ",
}


@dataclass(frozen=True)
class Reason:
    code: str
    message: str  # English
    thai: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Probe:
    """How the host answers an address that cannot exist (a random path)."""

    status: int | None
    final_url: str
    title: str
    size: int


@dataclass(frozen=True)
class Seen:
    """Everything the rules look at for one URL."""

    url: str
    final_url: str
    status: int | None
    redirected: bool
    failure_kind: str | None
    failure: str
    tls_problem: str | None
    file_type: str
    url_extension: str
    size: int
    title: str
    text: str | None
    probe: Probe | None


@dataclass(frozen=True)
class Expected:
    main_domain: str
    fiscal_year: int | None = None  # BE
    keywords: tuple[str, ...] = ()


# Titles of "not found" pages that answer 200.
NOT_FOUND_TITLE = re.compile(
    r"^\W*404\b|\b404\s*(?:error|not|[-–:|])|error\s*404|not\s+found"
    r"|page\s+(?:does\s+not|doesn't)\s+exist|ไม่พบหน้า|ไม่พบข้อมูลที่ต้องการ|หน้านี้ไม่มีอยู่",
    re.I,
)
# Pages whose size is this close to the size of the host's answer to a random path.
SAME_SIZE_RATIO = 0.05


def timed_out(seen: Seen, expected: Expected) -> list[Reason]:
    if seen.failure_kind != "timeout":
        return []
    return [Reason("timeout", seen.failure, f"ไม่ตอบภายในเวลาที่กำหนด ({seen.failure})")]


def broken(seen: Seen, expected: Expected) -> list[Reason]:
    if seen.failure_kind == "timeout":
        return []
    if seen.failure_kind == "blocked":
        return [Reason("blocked", seen.failure, f"ที่อยู่ภายใน/ส่วนตัว ไม่อนุญาตให้ตรวจ ({seen.failure})")]
    if seen.failure_kind is not None:
        return [Reason(seen.failure_kind, seen.failure, f"เชื่อมต่อไม่ได้ ({seen.failure})")]
    if seen.status is not None and seen.status >= 400:
        return [Reason("http_status", f"HTTP {seen.status}", f"เซิร์ฟเวอร์ตอบ {seen.status}")]
    if seen.status is not None and 300 <= seen.status < 400:
        return [
            Reason(
                "redirect_nowhere",
                f"HTTP {seen.status} without a Location to follow",
                f"เซิร์ฟเวอร์ตอบ {seen.status} แต่ไม่บอกที่อยู่ปลายทาง",
            )
        ]
    if seen.file_type == "empty":
        return [Reason("empty", "the page or file is empty", "หน้าหรือไฟล์ว่างเปล่า")]
    return []


def off_domain(seen: Seen, expected: Expected) -> list[Reason]:
    host = host_of(seen.final_url)
    if not host or on_domain(host, expected.main_domain):
        return []
    return [
        Reason(
            "off_domain",
            f"ends on {host}, not on the main website {expected.main_domain}",
            f"ปลายทางอยู่ที่ {host} ไม่ใช่เว็บไซต์หลัก {expected.main_domain}",
        )
    ]


def soft_404(seen: Seen, expected: Expected) -> list[Reason]:
    if seen.status != 200 or seen.file_type != "html":
        return []
    if seen.title and NOT_FOUND_TITLE.search(seen.title):
        return [
            Reason(
                "soft_404_title",
                f"answers 200 but its title says not found: {seen.title!r}",
                f"ตอบ 200 แต่ชื่อหน้าบอกว่าไม่พบ: {seen.title!r}",
            )
        ]
    probe = seen.probe
    if probe is None or probe.status != 200:
        return []
    if seen.redirected and seen.final_url == probe.final_url:
        return [
            Reason(
                "soft_404_redirect",
                f"redirected to {seen.final_url}, where a missing address also goes",
                f"ถูกส่งต่อไปที่ {seen.final_url} เช่นเดียวกับที่อยู่ที่ไม่มีจริง",
            )
        ]
    close = abs(seen.size - probe.size) <= max(64, SAME_SIZE_RATIO * probe.size)
    if seen.title == probe.title and close:
        return [
            Reason(
                "soft_404_same_as_missing",
                "same title and size as the site's answer to an address that does not exist",
                "ชื่อหน้าและขนาดเหมือนหน้าที่เว็บไซต์ตอบเมื่อเปิดที่อยู่ที่ไม่มีจริง",
            )
        ]
    return []


def wrong_year(seen: Seen, expected: Expected) -> list[Reason]:
    year = expected.fiscal_year
    if year is None or seen.text is None or seen.status != 200:
        return []
    if mentions_fiscal_year(seen.text, year):
        return []
    found = sorted(_years(seen.text))
    named = ", ".join(map(str, found)) or "no year"
    return [
        Reason(
            "wrong_year",
            f"does not mention fiscal year {year} (mentions: {named})",
            f"ไม่พบปีงบประมาณ {to_thai_digits(str(year))} "
            f"(พบ: {to_thai_digits(', '.join(map(str, found))) or 'ไม่พบปีใด'})",
        )
    ]


def warnings(seen: Seen, expected: Expected) -> list[Reason]:
    found = []
    if seen.tls_problem:
        found.append(
            Reason(
                "tls", f"TLS problem: {seen.tls_problem}", f"ใบรับรอง TLS มีปัญหา: {seen.tls_problem}"
            )
        )
    if seen.failure_kind is None and seen.status == 200 and seen.file_type != "empty":
        if seen.url_extension in FILE_TYPES and seen.file_type not in FILE_TYPES:
            found.append(
                Reason(
                    "not_a_file",
                    f"the address names a .{seen.url_extension} file but the answer is "
                    f"{seen.file_type}",
                    f"ที่อยู่ระบุไฟล์ .{seen.url_extension} แต่ได้ {seen.file_type}",
                )
            )
        if seen.text is None and (expected.fiscal_year or expected.keywords):
            found.append(
                Reason(
                    "unreadable",
                    f"cannot read the text of this {seen.file_type} to check year and keywords",
                    f"อ่านข้อความใน {seen.file_type} ไม่ได้ ตรวจปีและคำสำคัญไม่ได้",
                )
            )
        if seen.text is not None and (missing := missing_keywords(seen.text, expected.keywords)):
            found.append(
                Reason(
                    "keywords",
                    f"keywords not found: {', '.join(missing)}",
                    f"ไม่พบคำสำคัญ: {', '.join(missing)}",
                )
            )
    return found


Rule = Callable[[Seen, Expected], list[Reason]]
# In order of severity: the first rule with a reason gives the verdict.
RULES: tuple[tuple[Verdict, Rule], ...] = (
    (Verdict.TIMEOUT, timed_out),
    (Verdict.BROKEN, broken),
    (Verdict.OFF_DOMAIN, off_domain),
    (Verdict.SOFT_404, soft_404),
    (Verdict.WRONG_YEAR, wrong_year),
    (Verdict.WARNING, warnings),
)


def decide(seen: Seen, expected: Expected) -> tuple[Verdict, list[Reason]]:
    verdict = Verdict.OK
    reasons: list[Reason] = []
    for rule_verdict, rule in RULES:
        found = rule(seen, expected)
        if found and verdict is Verdict.OK:
            verdict = rule_verdict
        reasons.extend(found)
    return verdict, reasons
