"""Where prongsai keeps its files (no Django here: the CLI reads this without it)."""

from __future__ import annotations

import os
import secrets
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


def registry() -> Registry:
    return Registry([BUILTIN_DIR, imported_frameworks_dir()])


def examples_dir() -> Path:
    """The transcribed seed results: inside the wheel, or at the root of a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "examples"
    return packaged if packaged.is_dir() else package.parents[1] / "examples"


def ensure_secret_key() -> str:
    """SECRET_KEY from the environment, else one kept in DATA_DIR (made on first run)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = data_dir() / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="ascii")
        path.chmod(0o600)
    key = path.read_text(encoding="ascii").strip()
    os.environ["SECRET_KEY"] = key
    return key
