"""Form fields for Buddhist-era dates and fiscal-year months.

Officers type "31/3/2567" or "๓๑/๐๓/๒๕๖๗"; a browser date picker would show and send
Christian-era years, so these are text inputs that read and show BE dates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai import (
    ChristianEraYear,
    be_from_ce,
    fiscal_months,
    format_be_month,
    format_be_numeric,
    parse_be_date,
)


class BEDateInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"placeholder": "วว/ดด/ปปปป", "inputmode": "numeric", "size": 11, **(attrs or {})}
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return format_be_numeric(value)
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
        try:
            return parse_be_date(value)
        except ChristianEraYear as exc:
            params = {"year": exc.year, "be": be_from_ce(exc.year)}
            raise forms.ValidationError(
                self.error_messages["christian"], code="christian", params=params
            ) from exc
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


def fiscal_month_choices(fiscal_year: int) -> list[tuple[str, str]]:
    """The twelve months of a fiscal year (ต.ค. of the year before … ก.ย.), as ISO values."""
    return [(month.isoformat(), format_be_month(month)) for month in fiscal_months(fiscal_year)]


def error_text(form: forms.Form) -> str:
    """A form's errors in one line for a message, each after its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            parts.append(f"{label}: {error}" if label else str(error))
    return " ".join(parts)
