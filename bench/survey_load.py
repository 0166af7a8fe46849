"""Benchmark: 100 concurrent respondents answering a pulse survey against `prongsai serve`.

    python bench/survey_load.py [--db postgres|sqlite|both] [--seconds 60] [--users 100]
                                [--flow pages|single|both] [--workers N] [--threads N]

Starts `prongsai serve` (gunicorn) on loopback on a fresh database (PostgreSQL at
127.0.0.1:5432 as postgres, database prongsai_survey_bench; or SQLite in a temporary
DATA_DIR), creates an agency with an open IIT survey, then drives N concurrent
respondents for the given time, each submitting complete answers over and over:

- flow "single", as a browser with JavaScript does (public/static/public/survey.js):
  GET page 1 (every page a section of it), then one POST of every answer to "send",
  answered with the thanks page: 2 requests.
- flow "pages", as a browser without JavaScript does: GET page 1, POST every page
  (following each redirect to the next), POST "send" (→ thanks): 13 requests.

Each job runs 5 s first to warm the server up (not counted). Baseline in the same run:
the same respondents against a minimal Django view that inserts one row (GET for the CSRF
token, POST to insert). Afterwards the rows are counted: an answer acknowledged (the
thanks page) but not stored is lost. Prints submissions/s (and their ratio to the
baseline's), p95 latency of the submitting POST and of every request, errors, answers
lost, and the CPU time per submission of the server and of this load generator (which
shares the machine's cores with the server: on Linux, from /proc).
Goal: 0 errors, 0 lost, ≥ 300 submissions/s on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    BASELINE_ROWS,
    CSRF,
    Tally,
    baseline_job,
    drive,
    environment,
    free_port,
    p95,
    prepare,
    run_django,
    start_server,
    stop_server,
)

PG_DATABASE = "prongsai_survey_bench"
WARM_UP = 5  # seconds of each job before measuring
THANKS = "ขอบคุณที่ตอบแบบสำรวจ"  # the thanks page: the answer was acknowledged
SEED = """
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
print(json.dumps({"token": survey.token, "pages": pages}))
"""
COUNT = (
    BASELINE_ROWS
    + """
from prongsai.surveys.models import Response
print(json.dumps([Response.objects.count(), baseline_rows]))
"""
)


def survey_job(token: str, pages: list[list[tuple[str, int]]], flow: str):  # type: ignore[no-untyped-def]
    everything = {name: str(value) for page in pages for name, value in page}

    async def job(session, base: str, tally: Tally) -> bool:  # type: ignore[no-untyped-def]
        async def request(method: str, url: str, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            async with session.request(method, url, **kwargs) as response:
                text = await response.text()
                tally.request_latency.append(time.perf_counter() - start)
                return response, text, time.perf_counter() - start

        response, text, _ = await request("GET", f"{base}/s/{token}/1/")
        if response.status != 200:
            tally.error(f"GET page 1: {response.status}")
            return False
        csrf = CSRF.search(text).group(1)  # type: ignore[union-attr]
        if flow == "pages":
            for number, page in enumerate(pages, start=1):
                data = {name: str(value) for name, value in page} | {"csrfmiddlewaretoken": csrf}
                response, text, _ = await request("POST", f"{base}/s/{token}/{number}/", data=data)
                if response.status != 200:
                    tally.error(f"POST page {number}: {response.status}")
                    return False
            data = {"csrfmiddlewaretoken": csrf}
            headers = {}
        else:
            data = everything | {"csrfmiddlewaretoken": csrf}
            headers = {"X-Requested-With": "survey.js"}  # answered with the thanks page
        response, text, elapsed = await request(
            "POST", f"{base}/s/{token}/send/", data=data, headers=headers
        )
        tally.submit_latency.append(elapsed)
        if response.status != 200 or THANKS not in text:
            tally.error(f"POST send: {response.status} {response.url}")
            return False
        return True

    return job


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of a process and all its descendants, from /proc."""
    if not Path("/proc").is_dir():
        return None
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    ticks = os.sysconf("SC_CLK_TCK")
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
        stack += children.get(current, [])
    return total


def measure(base: str, job, users: int, seconds: float, server_pid: int):  # type: ignore[no-untyped-def]
    server_before, client_before = cpu_seconds(server_pid), time.process_time()
    tally, elapsed = asyncio.run(drive(base, job, users, seconds))
    server_after, client_after = cpu_seconds(server_pid), time.process_time()
    server = None if server_before is None else server_after - server_before  # type: ignore[operator]
    return tally, elapsed, server, client_after - client_before


def report(
    label: str,
    tally: Tally,
    elapsed: float,
    stored: int,
    server_cpu: float | None,
    client_cpu: float,
    baseline: float = 0,
) -> float:
    rate = tally.done / elapsed
    ratio = f"  ({rate / baseline:.2f} × baseline)" if baseline else ""
    per = max(tally.done, 1) / 1000
    cpu = (
        f"  CPU ms/submission: server {server_cpu / per:.2f}, load generator {client_cpu / per:.2f}"
        if server_cpu is not None
        else ""
    )
    print(
        f"  {label:<34} {rate:8.1f} /s{ratio}  p95 submit {p95(tally.submit_latency):7.1f} ms"
        f"  p95 request {p95(tally.request_latency):7.1f} ms  errors {tally.errors}"
        f"  lost {max(0, tally.done - stored)} (acknowledged {tally.done}, stored {stored}){cpu}"
    )
    for sample in tally.samples:
        print(f"      e.g. {sample}")
    return rate


def run(db: str, args: argparse.Namespace) -> None:
    data_dir = tempfile.mkdtemp(prefix=f"prongsai-survey-bench-{db}-")
    env = environment(db, data_dir, PG_DATABASE)
    seeded = prepare(db, env, PG_DATABASE, SEED)
    token, pages = seeded["token"], seeded["pages"]
    port = free_port()
    server = start_server(env, port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    print(
        f"{db}: gunicorn {args.workers or 'default'} workers × {args.threads or 'default'} threads,"
        f" {args.users} respondents, {args.seconds:g} s each"
    )
    try:
        # Warm up first, not counted: each worker's first requests import and compile what
        # the rest reuse, and that must not weigh on the baseline measured first.
        for job in (baseline_job, survey_job(token, pages, "pages")):
            asyncio.run(drive(base, job, args.users, WARM_UP))
        stored_before, baseline_before = run_django(COUNT, env)
        tally, elapsed, server_cpu, client_cpu = measure(
            base, baseline_job, args.users, args.seconds, server.pid
        )
        stored_baseline = run_django(COUNT, env)[1] - baseline_before
        baseline = report(
            "baseline (minimal insert view)",
            tally,
            elapsed,
            stored_baseline,
            server_cpu,
            client_cpu,
        )
        for flow in ["single", "pages"] if args.flow == "both" else [args.flow]:
            job = survey_job(token, pages, flow)
            tally, elapsed, server_cpu, client_cpu = measure(
                base, job, args.users, args.seconds, server.pid
            )
            stored = run_django(COUNT, env)[0]
            label = f"survey, flow {flow!r}"
            report(label, tally, elapsed, stored - stored_before, server_cpu, client_cpu, baseline)
            stored_before = stored
    finally:
        stop_server(server)
        if db == "sqlite":
            shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--flow", choices=["pages", "single", "both"], default="both")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (serve's)")
    parser.add_argument("--threads", type=int, default=None, help="threads each (serve's)")
    args = parser.parse_args()
    for db in ["postgres", "sqlite"] if args.db == "both" else [args.db]:
        run(db, args)


if __name__ == "__main__":
    main()
