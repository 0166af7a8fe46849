"""The secret key: from the environment, else one kept in DATA_DIR."""

from __future__ import annotations

import os
import secrets

from prongsai.library import data_dir


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
