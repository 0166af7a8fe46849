"""Template helpers of the agency workbench."""

from __future__ import annotations

from typing import Any

from django import template

from prongsai.agencies.access import Action, access_for

register = template.Library()


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
    from prongsai.thai import MONTHS_ABBREV

    return f"{MONTHS_ABBREV[day.month - 1]} {day.year + 543}" if day else ""
