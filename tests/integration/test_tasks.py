"""Background tasks: the backend chosen by TASKS_BACKEND, the database worker, and the
worker that `prongsai serve` starts and stops (end to end, in real processes)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from prongsai.config.env import tasks_from_env
from prongsai.config.tasks import heartbeat

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_database_backend_is_the_default(monkeypatch):
    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    apps, tasks, queues = tasks_from_env()
    assert apps == ["django_tasks", "django_tasks_db"] and queues == {}
    assert tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_rq_is_chosen_by_a_setting_and_needs_redis(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "rq")
    monkeypatch.delenv("REDIS_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        tasks_from_env()
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    apps, tasks, queues = tasks_from_env()
    assert apps == ["django_tasks", "django_rq", "django_tasks_rq"]
    assert tasks["default"] == {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    assert queues == {"default": {"URL": "redis://127.0.0.1:6379/0"}}


def test_an_unknown_backend_stops_the_server(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured, match="db, rq, immediate"):
        tasks_from_env()


# transaction=True: the worker closes its database connection after a task, as it must
# in production; inside a test's transaction that would end the transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_task():
    result = heartbeat.enqueue()
    assert result.status == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL" and result.return_value.startswith("20")


def test_the_immediate_backend_runs_at_once():
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        result = heartbeat.enqueue()
    assert result.status == "SUCCESSFUL" and "T" in result.return_value


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_serve_starts_a_worker_that_runs_tasks_and_stops_with_it(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DATA_DIR": str(tmp_path),
        "SECRET_KEY": "test-only-secret-key",
        "DJANGO_SETTINGS_MODULE": "prongsai.config.settings",
    }
    env.pop("TASKS_BACKEND", None)
    env.pop("DATABASE_URL", None)
    port = _free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "prongsai", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        worker_pid = None
        assert serve.stdout is not None
        for line in serve.stdout:
            if "background worker: pid" in line:
                worker_pid = int(line.rsplit(" ", 1)[1])
                break
        assert worker_pid is not None and _alive(worker_pid)
        enqueue = subprocess.run(
            [
                sys.executable,
                "-m",
                "prongsai",
                "manage",
                "shell",
                "-c",
                "from prongsai.config.tasks import heartbeat; print(heartbeat.enqueue().id)",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        task_id = enqueue.stdout.strip().splitlines()[-1].replace("-", "")
        database = sqlite3.connect(tmp_path / "prongsai.sqlite3")
        status = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and status != "SUCCESSFUL":
            time.sleep(0.5)
            row = database.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult"
                " WHERE replace(id, '-', '') = ?",
                (task_id,),
            ).fetchone()
            status = row[0] if row else None
        database.close()
        assert status == "SUCCESSFUL"
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(30)
    deadline = time.monotonic() + 10
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(worker_pid)
