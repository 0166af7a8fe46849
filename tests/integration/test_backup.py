"""prongsai backup / restore round trip, run as the commands are run: every table and
every uploaded file comes back exactly, a restore adds no audit entry, and a damaged
archive is refused before anything is touched."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
from urllib.parse import urlsplit, urlunsplit

import pytest

SETUP = """
import os, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from prongsai.cli.demo_data import load_demo
from prongsai.plans import services
from prongsai.plans.models import ProgressEntry
load_demo()
entry = ProgressEntry.objects.filter(round__months=6).order_by("measure__number").first()
user = entry.round.plan.approved_by
upload = SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4 evidence")
# the demo's round is published: taken off to add evidence, then published again
services.publish_round(progress_round=entry.round, published=False)
services.add_evidence(entry=entry, user=user, upload=upload)
services.publish_round(progress_round=entry.round, published=True)
"""
SNAPSHOT = """
import hashlib, json, os, django
from pathlib import Path
django.setup()
from django.conf import settings
from django.db import connection
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT * FROM "{table}"')
        rows = cursor.fetchall()
        tables[table] = sorted(json.dumps(row, default=str, ensure_ascii=False) for row in rows)
media = Path(settings.MEDIA_ROOT)
paths = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
files = {str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
print(json.dumps({"tables": tables, "files": files}))
"""
CHANGE = """
import django
django.setup()
from prongsai.plans.models import Evidence, Measure
for evidence in Evidence.objects.all():
    evidence.file.delete(save=False)
Measure.objects.filter(number=1).delete()
"""


@pytest.fixture
def environment(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "backup-test"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DJANGO_SETTINGS_MODULE"] = "prongsai.config.settings"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        # a database of its own: a restore replaces the whole database
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_backup_test"
        admin = urlunsplit(parts._replace(path="/postgres"))
        subprocess.run(["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
        subprocess.run(["psql", admin, "-c", f'CREATE DATABASE "{name}"'], check=True)
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return env


def run(env, *args, code=None):
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=code is None
    )


def snapshot(env):
    return json.loads(run(env, "-c", SNAPSHOT).stdout)


def test_backup_and_restore_round_trip(environment, tmp_path):
    env = environment
    run(env, "-m", "prongsai", "manage", "migrate", "-v", "0")
    run(env, "-c", SETUP)
    before = snapshot(env)
    assert before["files"] and before["tables"]["plans_measure"]
    archive = tmp_path / "backup.tar.gz"
    run(env, "-m", "prongsai", "backup", str(archive))
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    run(env, "-c", CHANGE)
    changed = snapshot(env)
    # the evidence files are gone (the demo's public PDFs, rendered at publication, stay)
    assert changed != before and not any(name.startswith("evidence/") for name in changed["files"])
    assert any(name.startswith("public/") for name in before["files"])

    run(env, "-m", "prongsai", "restore", str(archive), "--yes")
    after = snapshot(env)
    assert after["files"] == before["files"]
    for table, rows in before["tables"].items():
        assert after["tables"][table] == rows, table  # the audit trail too: nothing added


def test_a_damaged_backup_is_refused_and_changes_nothing(environment, tmp_path):
    env = environment
    run(env, "-m", "prongsai", "manage", "migrate", "-v", "0")
    run(env, "-c", SETUP)
    archive = tmp_path / "backup.tar.gz"
    run(env, "-m", "prongsai", "backup", str(archive))
    with tarfile.open(archive, "r:gz") as source:
        members = [(m, source.extractfile(m).read()) for m in source.getmembers()]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as target:
        for member, data in members:
            if member.name == "database.dump":
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(member, io.BytesIO(data))
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(gzip.compress(buffer.getvalue()))
    before = snapshot(env)
    result = run(env, "-m", "prongsai", "restore", str(damaged), "--yes", code=2)
    assert result.returncode == 2 and "database.dump" in result.stderr
    assert snapshot(env) == before
    (tmp_path / "junk.tar.gz").write_bytes(b"not an archive")
    assert (
        run(env, "-m", "prongsai", "restore", str(tmp_path / "junk.tar.gz"), code=2).returncode == 2
    )
