"""Buddhist-era dates and Thai fiscal years.

A Thai fiscal year runs from 1 October to 30 September and is named by the
Buddhist-era year in which it ends (ปีงบประมาณ 2566 = 1 ต.ค. 2565 – 30 ก.ย. 2566).
"""

from datetime import date

from prongsai.thai.digits import to_thai_digits

BE_OFFSET = 543

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
