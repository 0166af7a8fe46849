"""`prongsai backup FILE` and `prongsai restore FILE`: the database and the uploaded
files (evidence, templates' media) together in one archive with a checksum per part.

The database part comes from django-dbbackup's connectors (SQLite's online backup API,
or pg_dump/pg_restore on PostgreSQL), so a backup is consistent while the app runs and a
restore goes below the ORM: it creates no audit entries. Restore with the app stopped.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
import sys
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from prongsai.cli.common import CliError

FORMAT = "prongsai-backup"
VERSION = 1
DATABASE = "database.dump"


def register(commands: Any) -> None:
    p = commands.add_parser("backup", help="the database and uploaded files in one archive")
    p.add_argument("file", help="the archive to write (.tar.gz)")
    p.set_defaults(handler=cmd_backup)
    p = commands.add_parser("restore", help="replace the database and files from a backup")
    p.add_argument("file", help="an archive written by prongsai backup")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_restore)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _setup() -> tuple[Any, Path]:
    from prongsai.cli.server import setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection

    return connection, Path(settings.MEDIA_ROOT)


def cmd_backup(args: argparse.Namespace) -> int:
    connection, media = _setup()
    from dbbackup.db.base import get_connector

    target = Path(args.file)
    dump = get_connector("default").create_dump().read()
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
    parts = {DATABASE: dump} | {f"media/{p.relative_to(media)}": p.read_bytes() for p in files}
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "sha256": {name: _sha256(data) for name, data in parts.items()},
    }
    temporary = target.with_name(target.name + ".partial")
    with tarfile.open(temporary, "w:gz") as archive:
        for name, data in [
            ("manifest.json", json.dumps(manifest, indent=1).encode()),
            *parts.items(),
        ]:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            archive.addfile(info, io.BytesIO(data))
    temporary.chmod(0o600)
    temporary.replace(target)  # never a half-written backup under the real name
    print(
        f"{target}: ฐานข้อมูล ({connection.vendor}) และไฟล์ {len(files)} ไฟล์ / "
        f"database and {len(files)} files",
        file=sys.stderr,
    )
    return 0


def read_backup(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and every part, each checked against its checksum; `CliError` for
    anything that is not a whole, unaltered prongsai backup."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            parts = {
                m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
                for m in archive.getmembers()
                if m.isfile()
            }
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise CliError(f"{path}: อ่านไฟล์สำรองไม่ได้ / not a readable backup ({exc})") from exc
    try:
        manifest = json.loads(parts.pop("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise CliError(f"{path}: ไม่ใช่ไฟล์สำรองของ prongsai / not a prongsai backup") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise CliError(f"{path}: ไม่ใช่ไฟล์สำรองของ prongsai / not a prongsai backup")
    expected = manifest.get("sha256", {})
    damaged = sorted(
        name
        for name in set(expected) | set(parts)
        if name not in parts or _sha256(parts[name]) != expected.get(name)
    )
    if damaged or DATABASE not in parts:
        raise CliError(
            f"{path}: ไฟล์สำรองเสียหรือถูกแก้ไข ({', '.join(damaged[:5])}) / "
            "the backup is damaged or altered"
        )
    return manifest, parts


def cmd_restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    manifest, parts = read_backup(path)  # checked whole before anything is touched
    connection, media = _setup()
    if manifest["engine"] != connection.vendor:
        raise CliError(
            f"ไฟล์สำรองนี้มาจาก {manifest['engine']} แต่ระบบนี้ใช้ {connection.vendor} / "
            f"this backup is of {manifest['engine']}, this server runs {connection.vendor}"
        )
    if not args.yes and input("แทนที่ข้อมูลทั้งหมดด้วยไฟล์สำรองนี้? พิมพ์ yes: ").strip() != "yes":
        raise CliError("ยกเลิก / cancelled")
    from dbbackup.db.base import get_connector

    with tempfile.SpooledTemporaryFile() as dump:
        dump.write(parts.pop(DATABASE))
        dump.seek(0)
        connection.close()
        get_connector("default").restore_dump(dump)
    _replace_media(media, {name.removeprefix("media/"): data for name, data in parts.items()})
    print(
        f"คืนข้อมูลจาก {path} (สำรองเมื่อ {manifest['created']}) แล้ว / restored",
        file=sys.stderr,
    )
    return 0


def _replace_media(media: Path, files: dict[str, bytes]) -> None:
    """The backup's files become the media folder; the files there before are kept aside
    (nothing is deleted), in media.before-restore-<time>."""
    fresh = media.with_name(media.name + ".restoring")
    shutil.rmtree(fresh, ignore_errors=True)
    for name, data in files.items():
        target = (fresh / name).resolve()
        if not target.is_relative_to(fresh.resolve()):  # a crafted path must not escape
            raise CliError(f"ชื่อไฟล์ไม่ถูกต้องในไฟล์สำรอง / bad path in the backup: {name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    fresh.mkdir(mode=0o700, exist_ok=True)
    if media.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        media.rename(media.with_name(f"{media.name}.before-restore-{stamp}"))
    fresh.rename(media)
