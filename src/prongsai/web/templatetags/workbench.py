"""Template helpers of the agency workbench."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from django import template
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

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
        if field is not None and (not field.concrete or field.primary_key):
            continue  # the id, and reverse relations ("plans.Measure.None"), say nothing
        label = str(getattr(field, "verbose_name", name))
        if isinstance(field, models.JSONField):
            rows.append((label, "…", _json_change(old, new)))
            continue
        choices = dict(getattr(field, "choices", None) or [])
        related = field.related_model if isinstance(field, models.ForeignKey) else None
        moment = isinstance(field, models.DateTimeField)
        rows.append(
            (
                label,
                _audit_value(old, choices, related, moment),
                _audit_value(new, choices, related, moment),
            )
        )
    return rows


def _named(model: Any, value: Any) -> str | None:
    """The object a foreign key pointed to, by name: a person by full name."""
    try:
        found = model._default_manager.filter(pk=value).first()
    except (ValueError, TypeError):
        return None
    if found is None:
        return None
    full_name = getattr(found, "get_full_name", lambda: "")()
    return str(full_name or found)


def _json_change(old: Any, new: Any) -> str:
    """What changed inside a stored document, by its top-level keys, never the JSON."""
    try:
        before, after = (json.loads(v) if isinstance(v, str) else v for v in (old, new))
    except ValueError:
        return gettext("changed")
    if not isinstance(before, dict) or not isinstance(after, dict):
        return gettext("changed")
    keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return gettext("changed: %(keys)s") % {"keys": ", ".join(keys)} if keys else "–"


def _audit_value(
    value: Any, choices: dict[Any, Any], related: Any = None, moment: bool = False
) -> str:
    if value in (None, "None", ""):
        return "–"
    if value in choices:
        return str(choices[value])
    if related is not None:
        return _named(related, value) or "–"
    match = _ISO_DATE.match(str(value))
    if match:
        try:  # auditlog keeps a moment in UTC, without its zone: shown in local time
            when = datetime.fromisoformat(str(value)) if moment else None
        except ValueError:
            when = None
        if when is not None:
            local = timezone.localtime(when if when.tzinfo else when.replace(tzinfo=UTC))
            return f"{local.day}/{local.month}/{be_from_ce(local.year)} {local:%H:%M}"
        year, month, day, hour, minute = match.groups()
        text = f"{int(day)}/{int(month)}/{be_from_ce(int(year))}"
        return f"{text} {hour}:{minute}" if hour else text
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


@register.simple_tag(takes_context=True)
def work_count(context: Any) -> int:
    """How many things wait for the signed-in user (the header's "my work" badge); 0 on
    pages rendered without a request, such as the 500 page."""
    from django.utils import timezone

    from prongsai.plans.queries import my_work

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return my_work(user, timezone.localdate()).count


@register.simple_tag
def step_url(step: Any) -> str:
    """Where a checklist step is done."""
    from django.urls import reverse

    return reverse(step.url_name, args=step.args)
