"""Decimal helpers: every published figure is a Decimal, rounded half-up only when shown."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from prongsai.thai import to_arabic_digits

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
TOLERANCE = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Round half-up to 2 decimals, the way scores are published."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_score(text: str) -> Decimal | None:
    """A score typed by a person ("85", "๘๕.๕"), or None unless it is 0–100."""
    try:
        value = Decimal(to_arabic_digits(text).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= HUNDRED else None


def mean(values: Iterable[Decimal]) -> Decimal:
    items = list(values)
    return sum(items, Decimal(0)) / len(items)


def differs(reported: Decimal, computed: Decimal) -> bool:
    """True when a published figure is further than the tolerance from ours."""
    return abs(reported - computed) > TOLERANCE


def fmt(value: Decimal | None) -> str:
    """A score as shown: 2 decimals, or a dash when it cannot be computed."""
    return "–" if value is None else f"{round2(value):.2f}"


def plain(value: Decimal) -> str:
    """A threshold or pass mark as people write it: 85, 87.5 (never 8.5E+1)."""
    return format(value.normalize(), "f")
