"""Plain rules of the OIT workspace (no Django): the period an item's data must cover,
when a carried-over answer has expired, and an item's elements as a checklist."""

from __future__ import annotations

import re
from datetime import date

from prongsai.thai import format_be_date, format_be_month

# The assessors check the website around April–May: "current" data is the first half
# of the ITA year's fiscal year (ต.ค. – มี.ค.); "previous" is the whole fiscal year before.
CURRENT_END_MONTH = 3
_OUTSIDE_PARENS = re.compile(r"\s+(?![^()]*\))")


def required_period(ita_year: int, data_year: str) -> tuple[date, date] | None:
    """The first and last day the item's data must cover; None for "any" (latest)."""
    ce = ita_year - 543
    if data_year == "current":
        return date(ce - 1, 10, 1), date(ce, CURRENT_END_MONTH, 31)
    if data_year == "previous":
        return date(ce - 2, 10, 1), date(ce - 1, 9, 30)
    return None


def period_label(ita_year: int, data_year: str) -> str:
    """ "ข้อมูลช่วง ต.ค. 2569 – มี.ค. 2570", or that any up-to-date data will do.

    Arabic digits, as every web page of the app writes numbers (documents use Thai ones)."""
    period = required_period(ita_year, data_year)
    if period is None:
        return "ข้อมูลที่เป็นปัจจุบัน (ไม่กำหนดช่วง)"
    start, end = period
    return f"ข้อมูลช่วง {format_be_month(start)} – {format_be_month(end)}"


def expired_since(ita_year: int, data_year: str, covers_until: date | None) -> date | None:
    """The day the answer's data ended, when that is before the period the year needs:
    evidence carried from last year for a period that is over."""
    period = required_period(ita_year, data_year)
    if period is None or covers_until is None or covers_until >= period[0]:
        return None
    return covers_until


def short_date(day: date) -> str:
    """ "31 มี.ค. 65", as the web pages write a date."""
    return format_be_date(day, abbreviated=True)


def element_checklist(elements: str) -> list[str]:
    """ "ที่อยู่ หมายเลขโทรศัพท์ โทรสาร อีเมล และแผนที่ตั้ง" → five things to check.

    Thai lists its parts with spaces and a final "และ"; text without that pattern (a
    sentence such as "ความก้าวหน้าของแผน…ในรอบ 6 เดือน") stays one element."""
    text = " ".join(elements.split())
    if not text:
        return []
    for separator in ("\n", ";", " · "):
        if separator in elements:
            return [p.strip() for p in elements.split(separator) if p.strip()]
    if " และ" not in text:
        return [text]
    parts: list[str] = []
    for token in _OUTSIDE_PARENS.split(text):
        token = token.removeprefix("และ").strip()
        if not token:
            continue
        if parts and (token[0].isdigit() or token.startswith("(") or len(token) <= 2):
            parts[-1] = f"{parts[-1]} {token}"
        else:
            parts.append(token)
    return parts
