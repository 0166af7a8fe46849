"""What a refused save shows (optimistic locking): what the user typed beside what is
stored now, field by field, and who saved it when; the form keeps what they typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from prongsai.plans import queries
from prongsai.plans.services import EditConflict
from prongsai.thai import format_be_date, format_be_month
from prongsai.web.forms.fields import BEDateField


@dataclass(frozen=True)
class Difference:
    label: str
    typed: str
    saved: str

    @property
    def differs(self) -> bool:
        return self.typed != self.saved


@dataclass(frozen=True)
class Conflict:
    rows: list[Difference]
    by: Any  # a user, or None when not recorded
    at: Any  # a datetime, or None

    @property
    def changed(self) -> int:
        return sum(row.differs for row in self.rows)


def conflict_of(form: Any, exc: EditConflict) -> Conflict:
    """Compare the valid `form` with the row stored now, and make the form's hidden
    version the stored one, so that submitting it again saves the user's text over it."""
    current = exc.current
    rows = []
    for name in form.Meta.fields:
        field = form.fields[name]
        stored = list(current.units.all()) if name == "units" else getattr(current, name)
        rows.append(
            Difference(
                str(field.label), shown(field, form.cleaned_data.get(name)), shown(field, stored)
            )
        )
    # A bound form renders from its data at render time; POST data is read-only, hence the copy.
    form.data = form.data.copy()
    form.data["version"] = str(current.version)
    last = queries.last_save(current)
    return Conflict(rows, last.by, last.at)


def shown(field: forms.Field, value: Any) -> str:
    """A value as the form's reader knows it: months and dates in the Buddhist era,
    choices by their label, lists joined; "–" for nothing."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, date):
        return format_be_date(value) if isinstance(field, BEDateField) else format_be_month(value)
    if isinstance(value, list | tuple) or hasattr(value, "model"):  # a list or a queryset
        return ", ".join(sorted(shown(field, item) for item in value)) or "–"
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    return str(value)
