"""One registry kept per process for names and titles on oversight pages (building a
registry reads every edition's YAML again)."""

from __future__ import annotations

from functools import lru_cache

from prongsai import library
from prongsai.engine.model import Framework
from prongsai.engine.registry import nacc_key


@lru_cache(maxsize=1)
def _registry() -> library.Registry:  # type: ignore[name-defined]
    return library.registry()


def edition(year: int) -> Framework | None:
    registry = _registry()
    key = nacc_key(year)
    return registry.get(key) if key in registry else None
