"""Thai text utilities: digits, Buddhist-era dates and fiscal years (pure Python)."""

from prongsai.thai.dates import (
    MONTHS_ABBREV,
    MONTHS_FULL,
    be_year,
    fiscal_year_of,
    format_be_date,
)
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.text import display_width, pad, repair_thai_text

__all__ = [
    "MONTHS_ABBREV",
    "MONTHS_FULL",
    "be_year",
    "display_width",
    "fiscal_year_of",
    "format_be_date",
    "pad",
    "repair_thai_text",
    "to_arabic_digits",
    "to_thai_digits",
]
