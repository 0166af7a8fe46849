"""The edition a survey asks, read once per process: an answer must not parse YAML."""

from __future__ import annotations

from functools import lru_cache

from prongsai import library
from prongsai.engine import Framework


@lru_cache(maxsize=32)
def edition(key: str) -> Framework | None:
    """The edition with this key (editions never change once there), or None."""
    registry = library.registry()
    return registry.get(key) if key in registry else None
