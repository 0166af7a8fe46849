"""Benchmark: 100 concurrent respondents answering a pulse survey against `prongsai serve`.

    python bench/survey_load.py [--db postgres|sqlite|both] [--seconds 60] [--users 100]
                                [--flow pages|single|both] [--workers 4]

Starts `prongsai serve` (gunicorn) on loopback on a fresh database (PostgreSQL at
127.0.0.1:5432 as postgres, database prongsai_survey_bench; or SQLite in a temporary
DATA_DIR), creates an agency with an open IIT survey, then drives N concurrent
respondents for the given time, each submitting complete answers over and over:

- flow "pages": as a phone does: GET page 1, then POST every indicator page (following
  each redirect to the next page), then POST "send" (→ thanks page): 13 requests.
- flow "single": GET page 1, then one POST of every answer to "send" (→ thanks): 3 requests.

Baseline in the same run: the same respondents against a minimal Django view that inserts
one row (GET for the CSRF token, POST to insert). Afterwards the rows are counted: an
answer acknowledged (the thanks page) but not stored is lost. Prints submissions/s, p95
latency of the submitting POST and of every request, errors and answers lost.
Goal: 0 errors, 0 lost, ≥ 300 submissions/s on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile

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
    timed,
    warm_up,
)

PG_DATABASE = "prongsai_survey_bench"


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


def count_rows(env: dict[str, str]) -> tuple[int, int]:
    """Stored answers, and rows of the baseline view."""
    code = (
        BASELINE_ROWS
        + """
from prongsai.surveys.models import Response
print(json.dumps([Response.objects.count(), baseline_rows]))
"""
    )
    answers, baseline = run_django(code, env)
    return int(answers), int(baseline)


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


def report(label: str, tally: Tally, elapsed: float, stored: int | None = None) -> None:
    rate = tally.done / elapsed
    lost = (
        ""
        if stored is None
        else f"  lost {max(0, tally.done - stored)} (acknowledged {tally.done}, stored {stored})"
    )
    print(
        f"  {label:<34} {rate:8.1f} /s  p95 submit {p95(tally.submit_latency):7.1f} ms"
        f"  p95 request {p95(tally.request_latency):7.1f} ms  errors {tally.errors}{lost}"
    )
    for sample in tally.samples:
        print(f"      e.g. {sample}")


def run(db: str, args: argparse.Namespace) -> None:
    data_dir = tempfile.mkdtemp(prefix=f"prongsai-survey-bench-{db}-")
    env = environment(db, data_dir, PG_DATABASE)
    if args.conn_max_age:
        env["BENCH_CONN_MAX_AGE"] = str(args.conn_max_age)
    seeded = prepare(db, env, PG_DATABASE, SEED)
    token, pages = seeded["token"], seeded["pages"]
    port = free_port()
    server = start_server(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    print(
        f"{db}: gunicorn {args.workers} workers, {args.users} respondents, {args.seconds:g} s each"
        + (f", CONN_MAX_AGE={args.conn_max_age}" if args.conn_max_age else "")
    )
    try:
        asyncio.run(warm_up(base))
        tally, elapsed = asyncio.run(drive(base, baseline_job, args.users, args.seconds))
        _, stored_baseline = count_rows(env)
        report("baseline (minimal insert view)", tally, elapsed, stored_baseline)
        flows = ["pages", "single"] if args.flow == "both" else [args.flow]
        stored_before = 0
        for flow in flows:
            job = survey_job(token, pages, flow)
            tally, elapsed = asyncio.run(drive(base, job, args.users, args.seconds))
            stored, _ = count_rows(env)
            report(f"survey, flow {flow!r}", tally, elapsed, stored - stored_before)
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
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--conn-max-age", type=int, default=0, help="experiment: keep DB connections N s"
    )
    args = parser.parse_args()
    for db in ["postgres", "sqlite"] if args.db == "both" else [args.db]:
        run(db, args)


if __name__ == "__main__":
    main()
