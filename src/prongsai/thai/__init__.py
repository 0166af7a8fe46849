"""Thai text utilities: digits, Buddhist-era dates and fiscal years (pure Python)."""

from prongsai.thai.dates import (
    MONTHS_ABBREV,
    MONTHS_FULL,
    ChristianEraYear,
    be_year,
    fiscal_months,
    fiscal_year_of,
    format_be_date,
    format_be_month,
    parse_be_date,
    parse_be_year,
)
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.text import display_width, pad, repair_thai_text

__all__ = [
    "MONTHS_ABBREV",
    "MONTHS_FULL",
    "ChristianEraYear",
    "be_year",
    "display_width",
    "fiscal_months",
    "fiscal_year_of",
    "format_be_date",
    "format_be_month",
    "pad",
    "parse_be_date",
    "parse_be_year",
    "repair_thai_text",
    "to_arabic_digits",
    "to_thai_digits",
]
