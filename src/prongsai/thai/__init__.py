"""Thai text utilities: digits, Buddhist-era dates and fiscal years (pure Python)."""

from prongsai.thai.dates import (
    BE_OFFSET,
    MONTHS_ABBREV,
    MONTHS_FULL,
    ChristianEraYear,
    be_from_ce,
    be_month,
    be_year,
    ce_from_be,
    fiscal_months,
    fiscal_year_of,
    format_be_date,
    format_be_month,
    format_be_numeric,
    month_start,
    parse_be_date,
    parse_be_year,
)
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.text import display_width, pad, repair_thai_text

__all__ = [
    "BE_OFFSET",
    "MONTHS_ABBREV",
    "MONTHS_FULL",
    "ChristianEraYear",
    "be_from_ce",
    "be_month",
    "be_year",
    "ce_from_be",
    "display_width",
    "fiscal_months",
    "fiscal_year_of",
    "format_be_date",
    "format_be_month",
    "format_be_numeric",
    "month_start",
    "pad",
    "parse_be_date",
    "parse_be_year",
    "repair_thai_text",
    "to_arabic_digits",
    "to_thai_digits",
]
