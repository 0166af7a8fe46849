"""`prongsai api-token`: personal API tokens for scripts (filled in with the API)."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Registered once the API's token service exists."""
