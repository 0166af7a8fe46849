"""Buddhist-era years in every date Django shows in Thai.

Django's `th` locale has Thai month names but Christian-era years ("23 พฤศจิกายน
2026"), in our templates and in the admin alike. Rather than a filter that every
template must remember, the year format characters Y and y count in the Buddhist
era (CE + 543) whenever Thai is the active language. English keeps the CE year.
"""

from django.utils import dateformat, translation

from prongsai.thai import be_from_ce


def _year(date_format: dateformat.DateFormat) -> int:
    thai = (translation.get_language() or "").startswith("th")
    year = int(date_format.data.year)
    return be_from_ce(year) if thai else year


def _four_digit_year(self: dateformat.DateFormat) -> str:
    return f"{_year(self):04d}"


def _two_digit_year(self: dateformat.DateFormat) -> str:
    return f"{_year(self) % 100:02d}"


def install() -> None:
    """Make Django's date formatting use Buddhist-era years in Thai (idempotent)."""
    dateformat.DateFormat.Y = _four_digit_year  # type: ignore[method-assign]
    dateformat.DateFormat.y = _two_digit_year  # type: ignore[method-assign]
