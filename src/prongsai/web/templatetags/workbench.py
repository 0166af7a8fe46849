"""Template helpers of the agency workbench."""

from __future__ import annotations

import re
from typing import Any

from django import template

from prongsai.agencies.access import Action, access_for
from prongsai.engine.numbers import round2
from prongsai.thai import be_from_ce, format_be_date, format_be_month

register = template.Library()
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?")


@register.inclusion_tag("agency/nav.html", takes_context=True)
def agency_nav(context: dict[str, Any], agency: Any, current: str = "") -> dict[str, Any]:
    """The agency's menu, showing only what the user's role may open."""
    access = access_for(context["request"].user, agency.pk)
    return {
        "agency": agency,
        "current": current,
        "admin": access.can(Action.ADMIN),
        "role": access.role,
    }


@register.filter
def be_month(day: Any) -> str:
    """date(2022, 10, 1) → "ต.ค. 2565"."""
    return format_be_month(day) if day else ""


@register.filter
def be_date(day: Any) -> str:
    """date(2023, 3, 31) → "31 มี.ค. 66"."""
    return format_be_date(day, abbreviated=True) if day else ""


@register.filter
def score(value: Any) -> str:
    """A score as shown: two decimals, rounded half-up; "–" when there is none."""
    return "–" if value is None else f"{round2(value):.2f}"


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, str, str]]:
    """A log entry's changes as (field label, old, new), in words an officer reads:
    field names as the forms say them, choices by their label, dates in the BE."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in entry.changes_dict.items():
        if isinstance(change, dict):  # many-to-many: {"operation": "add", "objects": [...]}
            sign = "−" if change.get("operation") == "delete" else "+"
            objects = ", ".join(str(o) for o in change.get("objects", []))
            old, new = ("–", f"{sign} {objects}") if sign == "+" else (objects, "–")
        else:
            old, new = change
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:  # a field since removed
            field = None
        label = str(getattr(field, "verbose_name", name))
        choices = dict(getattr(field, "choices", None) or [])
        rows.append((label, _audit_value(old, choices), _audit_value(new, choices)))
    return rows


def _audit_value(value: Any, choices: dict[Any, Any]) -> str:
    if value in (None, "None", ""):
        return "–"
    if value in choices:
        return str(choices[value])
    match = _ISO_DATE.match(str(value))
    if match:
        year, month, day, hour, minute = match.groups()
        text = f"{int(day)}/{int(month)}/{be_from_ce(int(year))}"
        return f"{text} {hour}:{minute}" if hour else text
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"
