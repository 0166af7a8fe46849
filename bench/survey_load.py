"""Benchmark: 100 concurrent respondents answering a pulse survey against `prongsai serve`.

    python bench/survey_load.py [--db postgres|sqlite|both] [--seconds 60] [--users 100]
                                [--flow pages|single|both] [--workers N] [--threads N]
                                [--conn-max-age S]

Starts `prongsai serve` (gunicorn) on loopback on a fresh database (PostgreSQL at
127.0.0.1:5432 as postgres, database prongsai_survey_bench; or SQLite in a temporary
DATA_DIR), creates an agency with an open IIT survey, then drives N concurrent
respondents for the given time, each submitting complete answers over and over:

- flow "pages": as a phone does: GET page 1, then POST every indicator page (following
  each redirect to the next page), then POST "send" (→ thanks page): 13 requests.
- flow "single": GET page 1, then one POST of every answer to "send" (→ thanks): 3 requests.

Each job runs 5 s first to warm the server up (not counted). Baseline in the same run:
the same respondents against a minimal Django view that inserts one row (GET for the CSRF
token, POST to insert). Afterwards the rows are counted: an answer acknowledged (the
thanks page) but not stored is lost. Prints submissions/s (and their ratio to the
baseline's), p95 latency of the submitting POST and of every request, errors and answers
lost.
Goal: 0 errors, 0 lost, ≥ 300 submissions/s on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BENCH = ROOT / "bench"
PG_URL = "postgres://postgres@127.0.0.1:5432/prongsai_survey_bench"
WARM_UP = 5  # seconds of each job before measuring
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(db: str, data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only-secret-key",
            "DJANGO_SETTINGS_MODULE": "survey_bench_settings",
            "PYTHONPATH": os.pathsep.join([str(SRC), str(BENCH)]),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    env.pop("DATABASE_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = PG_URL
    return env


def prepare(db: str, env: dict[str, str]) -> tuple[str, list[tuple[str, int]]]:
    """A fresh database with an open IIT survey; returns its token and the form fields
    (name, best option) of every page."""
    if db == "postgres":
        for sql in (
            "DROP DATABASE IF EXISTS prongsai_survey_bench",
            "CREATE DATABASE prongsai_survey_bench",
        ):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True, env=env
            )
    code = """
import django, json
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from prongsai.agencies.models import Agency
from prongsai.surveys import queries, services
from prongsai.surveys.editions import edition
agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลทดสอบโหลด", kind="sao")
survey = services.create_survey(agency=agency, tool="IIT", fiscal_year=2566)
services.change_status(survey=survey, step="open")
framework = edition(survey.framework)
pages = []
for page in queries.pages(survey):
    fields = []
    for q in page.questions:
        for item in q.items:
            reversed_ = item.number in framework.question_by_code[item.code].reversed_sub_items
            fields.append((item.name, 0 if reversed_ else len(item.options) - 1))
    pages.append(fields)
with connection.cursor() as cursor:
    cursor.execute(
        "CREATE TABLE bench_baseline (id varchar(36) PRIMARY KEY, day date, payload text)"
    )
print(json.dumps({"token": survey.token, "pages": pages}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    import json

    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["token"], data["pages"]


def count_rows(env: dict[str, str]) -> tuple[int, int]:
    code = """
import django
django.setup()
from django.db import connection
from prongsai.surveys.models import Response
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM bench_baseline")
    baseline = cursor.fetchone()[0]
print(Response.objects.count(), baseline)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    answers, baseline = out.stdout.split()
    return int(answers), int(baseline)


def start_server(
    env: dict[str, str], port: int, args: argparse.Namespace
) -> subprocess.Popen[bytes]:
    log = open(Path(env["DATA_DIR"]) / "server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "prongsai", "serve", "--port", str(port)]
        + (["--workers", str(args.workers)] if args.workers else [])
        + (["--threads", str(args.threads)] if args.threads else []),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 300  # migrate and collectstatic first, on a busy machine
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


def survey_job(token: str, pages: list[list[tuple[str, int]]], flow: str):  # type: ignore[no-untyped-def]
    everything = {name: str(value) for page in pages for name, value in page}

    async def job(session, base: str, tally: Tally) -> bool:  # type: ignore[no-untyped-def]
        response, text, _ = await timed(session, "GET", f"{base}/s/{token}/1/", tally)
        if response.status != 200:
            tally.error(f"GET page 1: {response.status}")
            return False
        csrf = CSRF.search(text).group(1)  # type: ignore[union-attr]
        if flow == "pages":
            for number, page in enumerate(pages, start=1):
                data = {name: str(value) for name, value in page} | {"csrfmiddlewaretoken": csrf}
                url = f"{base}/s/{token}/{number}/"
                response, text, _ = await timed(session, "POST", url, tally, data=data)
                if response.status != 200:
                    tally.error(f"POST page {number}: {response.status}")
                    return False
            data = {"csrfmiddlewaretoken": csrf}
        else:
            data = everything | {"csrfmiddlewaretoken": csrf}
        response, text, elapsed = await timed(
            session, "POST", f"{base}/s/{token}/send/", tally, data=data
        )
        tally.submit_latency.append(elapsed)
        if response.status != 200 or not str(response.url).endswith("/thanks/"):
            tally.error(f"POST send: {response.status} {response.url}")
            return False
        return True

    return job


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


async def drive(base: str, job, users: int, seconds: float) -> tuple[Tally, float]:  # type: ignore[no-untyped-def]
    import aiohttp

    tally = Tally()
    until = time.monotonic() + seconds
    connector_options = {"limit": 0}
    sessions = [
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(**connector_options),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=60),
        )
        for _ in range(users)
    ]
    start = time.monotonic()
    try:
        await asyncio.gather(*(respondent(s, base, job, tally, until) for s in sessions))
    finally:
        for s in sessions:
            await s.close()
    return tally, time.monotonic() - start


def report(
    label: str, tally: Tally, elapsed: float, stored: int | None = None, baseline: float = 0
) -> float:
    rate = tally.done / elapsed
    lost = (
        ""
        if stored is None
        else f"  lost {max(0, tally.done - stored)} (acknowledged {tally.done}, stored {stored})"
    )
    ratio = f"  ({rate / baseline:.2f} × baseline)" if baseline else ""
    print(
        f"  {label:<34} {rate:8.1f} /s{ratio}  p95 submit {p95(tally.submit_latency):7.1f} ms"
        f"  p95 request {p95(tally.request_latency):7.1f} ms  errors {tally.errors}{lost}"
    )
    for sample in tally.samples:
        print(f"      e.g. {sample}")
    return rate


def run(db: str, args: argparse.Namespace) -> None:
    data_dir = tempfile.mkdtemp(prefix=f"prongsai-survey-bench-{db}-")
    env = environment(db, data_dir)
    if args.conn_max_age is not None:
        env["CONN_MAX_AGE"] = str(args.conn_max_age)
    token, pages = prepare(db, env)
    port = free_port()
    server = start_server(env, port, args)
    base = f"http://127.0.0.1:{port}"
    print(
        f"{db}: gunicorn {args.workers or 'default'} workers × {args.threads or 'default'} threads,"
        f" {args.users} respondents, {args.seconds:g} s each"
        + (f", CONN_MAX_AGE={args.conn_max_age}" if args.conn_max_age is not None else "")
    )
    try:
        # Warm up first, not counted: each worker's first requests import and compile what
        # the rest reuse, and that must not weigh on the baseline measured first.
        for job in (baseline_job, survey_job(token, pages, "pages")):
            asyncio.run(drive(base, job, args.users, WARM_UP))
        stored_before, baseline_before = count_rows(env)
        tally, elapsed = asyncio.run(drive(base, baseline_job, args.users, args.seconds))
        _, stored_baseline = count_rows(env)
        baseline = report(
            "baseline (minimal insert view)", tally, elapsed, stored_baseline - baseline_before
        )
        flows = ["pages", "single"] if args.flow == "both" else [args.flow]
        for flow in flows:
            job = survey_job(token, pages, flow)
            tally, elapsed = asyncio.run(drive(base, job, args.users, args.seconds))
            stored, _ = count_rows(env)
            report(f"survey, flow {flow!r}", tally, elapsed, stored - stored_before, baseline)
            stored_before = stored
    finally:
        server.terminate()
        server.wait(timeout=30)
        if db == "sqlite":
            shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--flow", choices=["pages", "single", "both"], default="both")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (serve's default)")
    parser.add_argument("--threads", type=int, default=0, help="threads each (serve's default)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="CONN_MAX_AGE of the server (default: the app's; 0 opens a connection per request)",
    )
    args = parser.parse_args()
    for db in ["postgres", "sqlite"] if args.db == "both" else [args.db]:
        run(db, args)


if __name__ == "__main__":
    main()
