"""Several people saving at once on the embedded default (SQLite, `prongsai serve`'s
gunicorn workers and threads): every save must succeed and none may be lost.

A real gunicorn with two worker processes of several threads each serves a throwaway
DATA_DIR; four coordinators log in and each records progress and adds evidence links on
their own measure, all at the same time. Before WAL, a busy timeout and IMMEDIATE
transactions, some of these requests failed with "database is locked" (HTTP 500)."""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from prongsai.cli.server import THREADS

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
SAVES = 12  # per writer: a progress save and an evidence link each
WSGI = "prongsai.config.wsgi:application"  # with threads, as `prongsai serve` starts it


def _environment(data_dir: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    environment.update(
        DATA_DIR=str(data_dir),
        SECRET_KEY="test-only-secret-key",
        DJANGO_SETTINGS_MODULE="tests.settings_served",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    return environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise AssertionError("gunicorn stopped")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


class Browser:
    """One person: a connection and their cookies."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict[str, str] | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")


def _writer(port: int, number: int, agency: int, start: threading.Barrier, out: list) -> None:
    browser = Browser(port)
    browser.request("GET", "/login/")
    status, _ = browser.request(
        "POST", "/login/", {"username": f"writer{number}", "password": "pw-for-tests"}
    )
    out.append(("login", status))
    entry = f"/agencies/{agency}/plans/2566/rounds/6/measures/{number}/"
    start.wait()
    for save in range(1, SAVES + 1):
        done = {"status": "in_progress", "done": f"ผู้ใช้ {number} บันทึกครั้งที่ {save}"}
        for field in ("done_on", "problems", "solutions", "reason"):
            done.setdefault(field, "")
        out.append(("progress", browser.request("POST", entry, done)[0]))
        # the same form with a link: the entry and its evidence are saved together
        link = {**done, "evidence_url": f"https://example.go.th/{number}/{save}"}
        out.append(("evidence", browser.request("POST", entry, link)[0]))


def test_concurrent_writers_on_sqlite_lose_nothing(tmp_path):
    environment = _environment(tmp_path)
    run = {"env": environment, "cwd": ROOT, "capture_output": True, "text": True, "check": True}
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], **run)
    agency = int(subprocess.run([sys.executable, "-m", "tests.served", str(WRITERS)], **run).stdout)
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(
        [
            *[sys.executable, "-m", "gunicorn", WSGI, "--workers", "2"],
            *["--threads", str(THREADS), "--bind", f"127.0.0.1:{port}"],
        ],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        _wait_for(port, server)
        start = threading.Barrier(WRITERS)
        outcomes: list[list] = [[] for _ in range(WRITERS)]
        threads = [
            threading.Thread(target=_writer, args=(port, n, agency, start, outcomes[n - 1]))
            for n in range(1, WRITERS + 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    statuses = [status for outcome in outcomes for _, status in outcome]
    failures = [s for s in statuses if s != 302]
    assert (len(statuses), failures) == (WRITERS * (1 + 2 * SAVES), []), log.read_text()[-3000:]
    assert "database is locked" not in log.read_text()  # server errors are logged (LOGGING)
    with sqlite3.connect(tmp_path / "prongsai.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        saved = db.execute(
            "SELECT m.number, e.done,"
            " (SELECT COUNT(*) FROM plans_evidence v WHERE v.entry_id = e.id)"
            " FROM plans_progressentry e JOIN plans_measure m ON m.id = e.measure_id"
            " ORDER BY m.number"
        ).fetchall()
    assert saved == [(n, f"ผู้ใช้ {n} บันทึกครั้งที่ {SAVES}", SAVES) for n in range(1, WRITERS + 1)]
