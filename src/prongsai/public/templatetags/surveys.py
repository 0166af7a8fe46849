"""Template filters of the survey pages."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get(mapping: Any, key: str) -> Any:
    """mapping[key], or None (templates cannot index by a variable)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def score(value: Any) -> str:
    """A score as shown: 2 decimals half-up, or a dash."""
    from prongsai.engine.numbers import fmt

    return fmt(value)


@register.filter
def signed(value: Any) -> str:
    """A change with its sign: +4.50, −57.00, or a dash."""
    from prongsai.engine.numbers import round2

    if value is None:
        return "–"
    shown = round2(value)
    return f"+{shown:.2f}" if shown > 0 else f"{shown:.2f}".replace("-", "−")
