"""Benchmark: people saving at once through `prongsai serve`, on SQLite and PostgreSQL.

    python bench/concurrent_writers.py [--db sqlite|postgres|both] [--seconds 60]
                                       [--writers 8] [--workers N] [--baseline-seconds 20]

Starts `prongsai serve` (its default gunicorn workers unless --workers) on loopback on a
fresh database each time (SQLite in a temporary DATA_DIR; PostgreSQL at 127.0.0.1:5432
as postgres, database prongsai_writers_bench), migrates it and seeds, through the
project's services, an agency with one coordinator per writer, an approved plan with a
measure per writer and an open 6-month round, and a draft plan whose measures the
writers share, two to a measure. Each writer logs in through the login page (CSRF and
all) and then, in turn, until the time is up:

- saves progress on its own measure of the round (GET the form, POST it with the
  version it read);
- saves progress with a new evidence link;
- edits one of the shared measures of the draft plan with the version it read. Its
  partner edits the same measure at the same time, so some of these saves are refused as
  stale (the conflict section): a correct refusal, counted as a conflict, not an error.

Baseline in the same run: the same number of clients on a minimal Django view that
inserts one row (GET for the CSRF token, POST to insert), as bench/survey_load.py does.

Afterwards the database is read: an acknowledged write (a redirect after the POST) that
is not stored is lost. Progress entries and measures carry a version that every save
moves on by one, so stored version − 1 must equal the saves acknowledged; every
acknowledged evidence link must be a row; two acknowledged edits of a measure made from
the same version would be a lost update. Prints, per database: requests, errors (5xx,
connection failures, anything unexpected), conflicts, lost writes, throughput and its
ratio to the baseline. Goal: 0 errors and 0 lost on both.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from harness import (
    BASELINE_ROWS,
    CSRF,
    Tally,
    baseline_job,
    drive,
    drive_each,
    environment,
    free_port,
    prepare,
    run_django,
    start_server,
    stop_server,
    timed,
    warm_up,
)

PG_DATABASE = "prongsai_writers_bench"
PASSWORD = "bench-writer-pw"  # the users of a throwaway database
CONFLICT = 'class="notice warn conflict"'  # the section a stale save is answered with

SEED = f"""
from datetime import date
from django.contrib.auth import get_user_model
from prongsai.agencies.models import Agency
from prongsai.agencies.services import add_member, ensure_default_units
from prongsai.plans import services
import os
writers = int(os.environ["BENCH_WRITERS"])
agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลทดสอบโหลด", kind="sao")
ensure_default_units(agency=agency)
unit = agency.units.first()
users = []
for n in range(1, writers + 1):
    user = get_user_model().objects.create_user(f"writer{{n}}", password={PASSWORD!r})
    add_member(agency=agency, username=user.username, role="coordinator")
    users.append(user)

def measure(plan, n, start, end):
    values = dict(
        title=f"มาตรการที่ {{n}}", steps="ขั้นที่หนึ่ง\\nขั้นที่สอง", start=start, end=end,
        follow_up="รายงานรอบ ๖ เดือน", kpi="", indicators=[9], oit_items=[],
    )
    return services.save_measure(plan=plan, values=values, units=[unit])

approved = services.plan_for(agency=agency, fiscal_year=2566)
for n in range(1, writers + 1):
    measure(approved, n, date(2022, 10, 1), date(2023, 9, 1))
services.submit(plan=approved, user=users[0])
services.approve(plan=approved, user=users[0])
services.open_round(plan=approved, months=6, as_of=date(2023, 3, 31))
draft = services.plan_for(agency=agency, fiscal_year=2567)
shared = max(1, writers // 2)
for n in range(1, shared + 1):
    measure(draft, n, date(2023, 10, 1), date(2024, 9, 1))
print(json.dumps({{
    "agency": agency.pk, "unit": unit.pk, "shared": shared,
    "start": "2023-10-01", "end": "2024-09-01",
}}))
"""

STORED = (
    BASELINE_ROWS
    + """
from prongsai.plans.models import Measure, ProgressEntry
entries = {
    e.measure.number: [e.version, e.done, e.evidence.count()]
    for e in ProgressEntry.objects.filter(round__plan__fiscal_year=2566).select_related("measure")
}
measures = {m.number: [m.version, m.title] for m in Measure.objects.filter(plan__fiscal_year=2567)}
print(json.dumps({"entries": entries, "measures": measures, "baseline": baseline_rows}))
"""
)


@dataclass
class Ledger:
    """What the server acknowledged (a redirect after the POST), to find in the database."""

    progress: Counter[int] = field(default_factory=Counter)  # entry (measure number) → saves
    last_done: dict[int, str] = field(default_factory=dict)
    links: Counter[int] = field(default_factory=Counter)  # entry → evidence links
    edits: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # measure → (read, title)
    conflicts: int = 0

    @property
    def writes(self) -> int:
        return sum(self.progress.values()) + sum(len(e) for e in self.edits.values())


class Writer:
    """One coordinator in their own browser session."""

    def __init__(self, number: int, seed: dict[str, Any], ledger: Ledger) -> None:
        self.number, self.seed, self.ledger = number, seed, ledger
        self.username = f"writer{number}"
        self.measure = (number - 1) % seed["shared"] + 1  # shared with its partner
        self.turns = itertools.cycle(("progress", "link", "edit"))
        self.count = itertools.count(1)
        self.base_path = f"/agencies/{seed['agency']}/plans"

    async def start(self, session: Any, base: str) -> None:
        async with session.get(f"{base}/login/") as page:
            csrf = CSRF.search(await page.text())[1]  # type: ignore[index]
        data = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        async with session.post(f"{base}/login/", data=data, allow_redirects=False) as answer:
            if answer.status != 302:
                raise SystemExit(f"{self.username} could not log in: {answer.status}")

    async def __call__(self, session: Any, base: str, tally: Tally) -> bool:
        turn, n = next(self.turns), next(self.count)
        if turn == "edit":
            url = f"{base}{self.base_path}/2567/measures/{self.measure}/"
        else:
            url = f"{base}{self.base_path}/2566/rounds/6/measures/{self.number}/"
        response, text, _ = await timed(session, "GET", url, tally)
        if response.status != 200:
            tally.error(f"GET {turn}: {response.status}")
            return False
        csrf = CSRF.search(text)[1]  # type: ignore[index]
        version = int(text.split('name="version" value="', 1)[1].split('"', 1)[0])
        form: dict[str, Any] = {"csrfmiddlewaretoken": csrf, "version": str(version)}
        done = f"{self.username} ครั้งที่ {n}"
        if turn == "edit":
            form |= {
                "title": f"มาตรการที่ {self.measure} แก้โดย {done}",
                "steps": "ขั้นที่หนึ่ง\nขั้นที่สอง",
                "units": str(self.seed["unit"]),
                "start": self.seed["start"],
                "end": self.seed["end"],
                "follow_up": "รายงานรอบ ๖ เดือน",
                "indicators": "9",
            }
        else:
            form |= {"status": "in_progress", "done": done}
            if turn == "link":
                form["evidence_url"] = f"https://example.go.th/ita/{self.username}/{n}"
        response, text, elapsed = await timed(
            session, "POST", url, tally, data=form, allow_redirects=False
        )
        tally.submit_latency.append(elapsed)
        if response.status == 200 and CONFLICT in text:
            self.ledger.conflicts += 1
            return False
        if response.status != 302:
            tally.error(f"POST {turn}: {response.status}")
            return False
        if turn == "edit":
            self.ledger.edits.setdefault(self.measure, []).append((version, form["title"]))
        else:
            self.ledger.progress[self.number] += 1
            self.ledger.last_done[self.number] = done
            self.ledger.links[self.number] += turn == "link"
        return True


def lost_writes(ledger: Ledger, stored: dict[str, Any]) -> tuple[int, list[str]]:
    """Acknowledged writes the database does not hold, with what each was."""
    lost, what = 0, []
    for number, saves in ledger.progress.items():
        version, done, links = stored["entries"][str(number)]
        missing = max(0, saves - (version - 1)) + max(0, ledger.links[number] - links)
        if done != ledger.last_done[number]:
            missing += 1
            what.append(f"entry {number}: holds {done!r}, last saved {ledger.last_done[number]!r}")
        lost += missing
    for number, edits in ledger.edits.items():
        version, title = stored["measures"][str(number)]
        reads = Counter(read for read, _title in edits)
        overwritten = sum(times - 1 for times in reads.values())  # two saves of one version
        missing = max(0, len(edits) - (version - 1)) + overwritten
        if title != max(edits)[1]:
            missing += 1
            what.append(f"measure {number}: holds {title!r}, last saved {max(edits)[1]!r}")
        lost += missing
    return lost, what


def report_baseline(tally: Tally, elapsed: float, stored: int) -> float:
    rate = len(tally.request_latency) / elapsed
    print(
        f"  baseline (minimal insert view): {len(tally.request_latency)} requests,"
        f" {rate:.1f} req/s, errors {tally.errors}, lost {max(0, tally.done - stored)}"
    )
    return rate


def run(db: str, args: argparse.Namespace) -> dict[str, Any]:
    data_dir = tempfile.mkdtemp(prefix=f"prongsai-writers-bench-{db}-")
    env = environment(db, data_dir, PG_DATABASE) | {"BENCH_WRITERS": str(args.writers)}
    seed = prepare(db, env, PG_DATABASE, SEED)
    port = free_port()
    server = start_server(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    workers = args.workers or "default"
    print(f"{db}: prongsai serve ({workers} workers), {args.writers} writers, {args.seconds:g} s")
    try:
        asyncio.run(warm_up(base))
        tally, elapsed = asyncio.run(drive(base, baseline_job, args.writers, args.baseline_seconds))
        baseline_rate = report_baseline(tally, elapsed, run_django(STORED, env)["baseline"])
        ledger = Ledger()
        writers = [Writer(n, seed, ledger) for n in range(1, args.writers + 1)]
        tally, elapsed = asyncio.run(drive_each(base, writers, args.seconds))
        lost, what = lost_writes(ledger, run_django(STORED, env))
    finally:
        stop_server(server)
        if db == "sqlite":
            shutil.rmtree(data_dir, ignore_errors=True)
    requests = len(tally.request_latency)
    rate = requests / elapsed
    figures = {
        "requests": requests,
        "errors": tally.errors,
        "conflicts": ledger.conflicts,
        "acknowledged": ledger.writes,
        "lost": lost,
        "rate": rate,
        "ratio": rate / baseline_rate if baseline_rate else float("nan"),
    }
    print(
        f"  writers: {requests} requests, errors {tally.errors}, conflicts {ledger.conflicts}"
        f" (stale measure edits refused), lost {lost} of {ledger.writes} acknowledged writes"
        f" ({sum(ledger.progress.values())} progress saves, {sum(ledger.links.values())}"
        f" with an evidence link, {sum(len(e) for e in ledger.edits.values())} measure edits)"
    )
    print(f"  throughput {rate:.1f} req/s = {figures['ratio']:.2f} × the baseline")
    for sample in tally.samples + what:
        print(f"      e.g. {sample}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default: prongsai serve's)"
    )
    parser.add_argument("--baseline-seconds", type=float, default=20)
    args = parser.parse_args()
    if args.writers < 2:
        parser.error("--writers: at least 2 (writers edit measures in pairs)")
    results = {
        db: run(db, args) for db in (["sqlite", "postgres"] if args.db == "both" else [args.db])
    }
    failed = [db for db, f in results.items() if f["errors"] or f["lost"]]
    print("goal (0 errors, 0 lost):", "met" if not failed else f"NOT met on {', '.join(failed)}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
