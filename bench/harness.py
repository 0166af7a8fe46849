"""What the benches share: a fresh database (SQLite in a temporary DATA_DIR, or a
PostgreSQL database recreated at 127.0.0.1:5432), Django code run against it in a child
process, and `prongsai serve` started on a free loopback port and stopped; or, for the
in-process benches, Django set up in this process (`django_here`)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BENCH = ROOT / "bench"
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"
# The bench server's settings: prongsai's own plus the baseline view (bench_baseline).
SETTINGS = "survey_bench_settings"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Run before a bench's own seeding: the schema, and the baseline view's table.
PREPARE = """
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute(
        "CREATE TABLE bench_baseline (id varchar(36) PRIMARY KEY, day date, payload text)"
    )
"""
# Sets `baseline_rows`: what the baseline view stored.
BASELINE_ROWS = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM bench_baseline")
    baseline_rows = cursor.fetchone()[0]
"""


def django_here() -> None:
    """Django set up in this process on a throwaway SQLite database (DATABASE_URL if set),
    migrated, static files collected as `prongsai serve` does; the repository's root
    importable (the tests' data builders)."""
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="prongsai-bench-")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DJANGO_SETTINGS_MODULE"] = "prongsai.config.settings"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(db: str, data_dir: str, pg_database: str) -> dict[str, str]:
    """The environment of the server and of the set-up scripts: one database for both."""
    env = dict(os.environ)
    env.update(
        {
            "DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only-secret-key",
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PYTHONPATH": os.pathsep.join([str(SRC), str(BENCH)]),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    env.pop("DATABASE_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = PG_SERVER + pg_database
    return env


def prepare(db: str, env: dict[str, str], pg_database: str, seed: str) -> Any:
    """A fresh database (PostgreSQL recreated; SQLite is new in its DATA_DIR), migrated,
    with the baseline table, then seeded by `seed` (which prints its JSON result)."""
    if db == "postgres":
        recreate_postgres(pg_database, env)
    return run_django(PREPARE + seed, env)


def recreate_postgres(name: str, env: dict[str, str]) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True, env=env
        )


def run_django(code: str, env: dict[str, str]) -> Any:
    """Run Python `code` with Django set up; it prints one JSON line last, returned."""
    script = "import django, json\ndjango.setup()\n" + code
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_server(
    env: dict[str, str], port: int, workers: int | None = None, threads: int | None = None
) -> subprocess.Popen[bytes]:
    """`prongsai serve` on 127.0.0.1:`port`, with its own default workers and threads
    unless told; its output goes to server.log in DATA_DIR. Returns once it accepts
    connections."""
    log = open(Path(env["DATA_DIR"]) / "server.log", "wb")  # noqa: SIM115
    command = [sys.executable, "-m", "prongsai", "serve", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    if threads is not None:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300  # migrate and collectstatic run first
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"the server stopped: see {log.name}") from None
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start within 300 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(timeout=30)


# ---------------------------------------------------------------- clients


@dataclass
class Tally:
    done: int = 0
    errors: int = 0
    submit_latency: list[float] = field(default_factory=list)
    request_latency: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(what)


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


async def respondent(session, base: str, job, tally: Tally, until: float) -> None:  # type: ignore[no-untyped-def]
    while time.monotonic() < until:
        try:
            if await job(session, base, tally):
                tally.done += 1
        except Exception as exc:
            tally.error(f"{type(exc).__name__}: {exc}"[:200])


async def timed(session, method: str, url: str, tally: Tally, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    async with session.request(method, url, **kwargs) as response:
        text = await response.text()
        elapsed = time.perf_counter() - start
        tally.request_latency.append(elapsed)
        return response, text, elapsed


async def baseline_job(session, base: str, tally: Tally) -> bool:  # type: ignore[no-untyped-def]
    response, text, _ = await timed(session, "GET", f"{base}/bench/baseline/", tally)
    csrf = CSRF.search(text).group(1)  # type: ignore[union-attr]
    response, _, elapsed = await timed(
        session,
        "POST",
        f"{base}/bench/baseline/",
        tally,
        data={"csrfmiddlewaretoken": csrf, "v": "x" * 200},
        headers={"Referer": base + "/"},
    )
    tally.submit_latency.append(elapsed)
    if response.status != 200:
        tally.error(f"POST baseline: {response.status}")
        return False
    return True


async def warm_up(base: str, requests: int = 24) -> None:
    """Let every worker load the app (the first request of each is slow) before timing."""
    import aiohttp

    async with aiohttp.ClientSession() as session:

        async def get() -> None:
            async with session.get(f"{base}/login/") as response:
                await response.read()

        await asyncio.gather(*(get() for _ in range(requests)))


async def drive(base: str, job, users: int, seconds: float) -> tuple[Tally, float]:  # type: ignore[no-untyped-def]
    """`users` clients all running the same job."""
    return await drive_each(base, [job] * users, seconds)


async def drive_each(base: str, jobs: list[Any], seconds: float) -> tuple[Tally, float]:
    """One client session (its own cookies) per job, all running for `seconds`; a job
    with a `start(session, base)` coroutine (logging in) runs it first, untimed."""
    import aiohttp

    tally = Tally()
    sessions = [
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=60),
        )
        for _ in jobs
    ]
    pairs = list(zip(sessions, jobs, strict=True))
    try:
        await asyncio.gather(*(job.start(s, base) for s, job in pairs if hasattr(job, "start")))
        start = time.monotonic()
        until = start + seconds
        await asyncio.gather(*(respondent(s, base, job, tally, until) for s, job in pairs))
    finally:
        for s in sessions:
            await s.close()
    return tally, time.monotonic() - start
