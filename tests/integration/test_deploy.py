"""Deployment settings: `check --deploy` passes with the documented production
environment; every page carries a Content-Security-Policy, signed-in pages are private to
the browser, the database and uploaded files are readable by the server's user only."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.plans import services
from tests.workbench import build

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "prongsai"
PRODUCTION = {
    "DEBUG": "false",
    "HTTPS": "true",
    "ALLOWED_HOSTS": "ita.konnim.go.th",
    "PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def test_check_deploy_passes_with_the_documented_environment(tmp_path):
    env = {
        **os.environ,
        **PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATA_DIR": str(tmp_path / "fresh"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "prongsai",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    if "DATABASE_URL" not in os.environ:  # the embedded default: private from the start
        assert oct((tmp_path / "fresh").stat().st_mode & 0o777) == "0o700"
        assert oct((tmp_path / "fresh" / "prongsai.sqlite3").stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db
def test_pages_carry_a_csp_and_signed_in_pages_stay_private(client):
    bench = build()
    public = client.get(reverse("public", args=[bench.agency.pk]))
    policy = public.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "private" not in public.headers.get("Cache-Control", "")
    client.force_login(bench.users["viewer"])
    page = client.get(reverse("agency", args=[bench.agency.pk]))
    assert page.headers["Cache-Control"] == "private, no-cache"
    assert "Content-Security-Policy" in page.headers


def test_no_inline_script_or_handler_in_our_templates():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for match in re.finditer(r"\son[a-z]+=\"|<script(?![^>]*\bsrc=)[^>]*>", path.read_text())
    ]
    assert found == []
    assert finders.find("ninja/swagger-ui-bundle.js")  # the API docs' script is served


@pytest.mark.django_db
def test_uploaded_evidence_is_private_on_disk():
    bench = build()
    entry = bench.plan.rounds.get().entries.get(measure__number=2)
    evidence = services.add_evidence(
        entry=entry,
        user=bench.users["coordinator"],
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
    )
    path = Path(evidence.file.path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
