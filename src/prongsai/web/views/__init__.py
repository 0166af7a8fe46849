"""The signed-in pages: thin views that check access, call a service or a query, render."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def found(value: T | None) -> T:
    """The looked-up object, or a 404 (a query answers None for what is not there)."""
    if value is None:
        raise Http404
    return value
