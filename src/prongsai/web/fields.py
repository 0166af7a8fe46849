"""Form fields for Buddhist-era dates and fiscal-year months.

Officers type "31/3/2567" or "๓๑/๐๓/๒๕๖๗"; a browser date picker would show and send
Christian-era years, so these are text inputs that read and show BE dates.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai import MONTHS_ABBREV, to_arabic_digits

_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class BEDateInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"placeholder": "วว/ดด/ปปปป", "inputmode": "numeric", "size": 11, **(attrs or {})}
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return f"{value.day:02d}/{value.month:02d}/{value.year + 543}"
        return super().format_value(value)


class BEDateField(forms.Field):
    """A date written day/month/BE-year (or BE year-month-day); Thai digits welcome."""

    widget = BEDateInput
    default_error_messages = {
        "invalid": _("Write the date as day/month/Buddhist-era year, e.g. 31/03/2567."),
        "christian": _("%(year)s is a Christian-era year; write the Buddhist-era year (%(be)s)."),
    }

    def to_python(self, value: Any) -> date | None:
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        text = to_arabic_digits(str(value))
        match = _DAY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = _ISO.match(text)
            if not match:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            year, month, day = (int(g) for g in match.groups())
        if 1900 <= year <= 2200:
            raise forms.ValidationError(
                self.error_messages["christian"],
                code="christian",
                params={"year": year, "be": year + 543},
            )
        try:
            return date(year - 543, month, day)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


def fiscal_month_choices(fiscal_year: int) -> list[tuple[str, str]]:
    """The twelve months of a fiscal year (ต.ค. of the year before … ก.ย.), as ISO values."""
    choices = []
    for index in range(12):
        month = (9 + index) % 12 + 1
        year = fiscal_year - 543 - (1 if month >= 10 else 0)
        choices.append((f"{year}-{month:02d}-01", f"{MONTHS_ABBREV[month - 1]} {year + 543}"))
    return choices
