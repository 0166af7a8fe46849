"""Buddhist-era dates and Thai fiscal years.

A Thai fiscal year runs from 1 October to 30 September and is named by the
Buddhist-era year in which it ends (ปีงบประมาณ 2566 = 1 ต.ค. 2565 – 30 ก.ย. 2566).
"""

import re
from datetime import date

from prongsai.thai.digits import to_arabic_digits, to_thai_digits

BE_OFFSET = 543
FIRST_BE_YEAR, LAST_BE_YEAR = 2500, 2700
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBREV = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)


def be_year(day: date) -> int:
    """The Buddhist-era year of a date."""
    return day.year + BE_OFFSET


def be_from_ce(year: int) -> int:
    """A Christian-era year in the Buddhist era (2024 → 2567)."""
    return year + BE_OFFSET


def ce_from_be(year: int) -> int:
    """A Buddhist-era year in the Christian era (2567 → 2024)."""
    return year - BE_OFFSET


def month_start(be_month: tuple[int, int]) -> date:
    """(BE year, month) → the first day of that month."""
    year, month = be_month
    return date(ce_from_be(year), month, 1)


def be_month(day: date) -> tuple[int, int]:
    """The (BE year, month) a date falls in."""
    return be_year(day), day.month


def format_be_numeric(day: date) -> str:
    """ "31/03/2567": the day/month/BE-year form that officers type."""
    return f"{day.day:02d}/{day.month:02d}/{be_year(day)}"


def fiscal_year_of(day: date) -> int:
    """The Thai fiscal year (BE) a date falls in."""
    return be_year(day) + (1 if day.month >= 10 else 0)


def format_be_date(day: date, *, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """Format a date the Thai official way: "31 มีนาคม 2567" or "31 มี.ค. 67"."""
    if abbreviated:
        text = f"{day.day} {MONTHS_ABBREV[day.month - 1]} {be_year(day) % 100:02d}"
    else:
        text = f"{day.day} {MONTHS_FULL[day.month - 1]} {be_year(day)}"
    return to_thai_digits(text) if thai_digits else text


def format_be_month(day: date, *, short_year: bool = False, space: str = " ") -> str:
    """The month of a date: "ต.ค. 2565", or "ต.ค. 65" with `short_year`."""
    year = be_year(day) % 100 if short_year else be_year(day)
    return f"{MONTHS_ABBREV[day.month - 1]}{space}{year:02d}"


def fiscal_months(fiscal_year: int) -> list[date]:
    """The first day of each month of a fiscal year, ต.ค. of the year before to ก.ย."""
    start = ce_from_be(fiscal_year) - 1
    return [date(start + (month < 10), month, 1) for month in (*range(10, 13), *range(1, 10))]


class ChristianEraYear(ValueError):
    """A year written in the Christian era where the Buddhist era was meant."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"{year} is a Christian-era year")


def parse_be_year(text: str) -> int:
    """ "2568" or "๒๕๖๘" → 2568; `ValueError` unless it is a BE year 2500–2700."""
    written = to_arabic_digits(str(text)).strip()
    if not written.isdigit() or not FIRST_BE_YEAR <= int(written) <= LAST_BE_YEAR:
        raise ValueError(f"{text!r} is not a Buddhist-era year")
    return int(written)


def parse_be_date(text: str) -> date:
    """ "31/03/2567", "๓๑/๓/๒๕๖๗" or "2567-03-31" → date(2024, 3, 31).

    Raises `ChristianEraYear` for "31/03/2024" and `ValueError` for anything else
    that is not a real BE date."""
    written = to_arabic_digits(str(text))
    match = _DAY_MONTH_YEAR.match(written)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YEAR_MONTH_DAY.match(written)
        if not match:
            raise ValueError(f"{text!r} is not a date")
        year, month, day = (int(g) for g in match.groups())
    if 1900 <= year <= 2200:
        raise ChristianEraYear(year)
    return date(ce_from_be(year), month, day)
