"""The library of framework editions and where prongsai keeps its files: the built-in
editions, those an agency imported into DATA_DIR, and the transcribed examples. No Django
here: the CLI and the pure layers read it without it."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from prongsai.engine import BUILTIN_DIR, Registry


def data_dir() -> Path:
    """DATA_DIR, else $XDG_DATA_HOME/prongsai, else ~/.local/share/prongsai."""
    if os.environ.get("DATA_DIR"):
        return Path(os.environ["DATA_DIR"]).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "prongsai"


def imported_frameworks_dir() -> Path:
    """Editions an agency or province imported: `prongsai framework import`."""
    return data_dir() / "frameworks"


def edited_frameworks_dir() -> Path:
    """Editions a system administrator edited and published on the web. They win over
    the built-in edition of the same key: correcting a built-in grouping is their point."""
    return data_dir() / "frameworks" / "edited"


def registry() -> Registry:
    """The editions library. Reading an edition's YAML takes tens of milliseconds, so one
    registry is kept per state of the three folders: a published or imported edition (a
    new or changed file) gives a new one at once."""
    folders = (edited_frameworks_dir(), BUILTIN_DIR, imported_frameworks_dir())
    return _registry_of(tuple((str(folder), _state(folder)) for folder in folders))


def _state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.yaml"))
    )


@lru_cache(maxsize=16)
def _registry_of(folders: tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...]) -> Registry:
    return Registry([Path(folder) for folder, _state in folders])


def examples_dir() -> Path:
    """The transcribed seed results: inside the wheel, or at the root of a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "examples"
    return packaged if packaged.is_dir() else package.parents[1] / "examples"
