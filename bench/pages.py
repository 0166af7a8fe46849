"""Benchmark: list and dashboard pages with 1,000 measures, server time.

    python bench/pages.py [--measures 1000] [--repeat 10]

Builds one agency with a plan of N measures over its units and a progress round, in a
throwaway SQLite database, then times each page through Django's test client (the
whole request in process: middleware, queries, template) and prints the best of
`repeat` with its query count. Baseline in the same run: the login page, which does no
work of ours. Goal: every page under 100 ms here.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from harness import django_here


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--measures", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    django_here()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    agency, users = build(args.measures)
    client = Client()
    client.force_login(users["coordinator"])
    pages = {
        "login page (baseline, anonymous)": ("/login/", Client()),
        "home": ("/", client),
        "agency overview": (f"/agencies/{agency.pk}/", client),
        f"plan with {args.measures} measures": (f"/agencies/{agency.pk}/plans/2566/", client),
        "progress round dashboard": (f"/agencies/{agency.pk}/plans/2566/rounds/6/", client),
        "ITA year results (chart)": (f"/agencies/{agency.pk}/results/2565/", client),
        "ITA year results at 90": (f"/agencies/{agency.pk}/results/2565/?threshold=90", client),
    }
    print(f"{args.measures} measures; best of {args.repeat}")
    baseline = None
    for label, (url, who) in pages.items():
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = who.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        best = min(times) * 1000
        baseline = baseline or best
        verdict = (
            ""
            if baseline == best
            else f"  {best / baseline:5.1f}× baseline  {'met' if best < 100 else 'NOT met'}"
        )
        print(f"{label:<36} {best:7.1f} ms  {len(queries):3d} queries{verdict}")


def build(count: int):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import Agency, AgencyKind, Membership
    from prongsai.agencies.services import ensure_default_units, save_assessment
    from prongsai.documents.inputs import read_yaml_file
    from prongsai.library import examples_dir
    from prongsai.plans import services
    from prongsai.plans.models import Measure, ProgressEntry

    agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลทดสอบ", kind=AgencyKind.SAO)
    ensure_default_units(agency=agency)
    seed = read_yaml_file(Path(examples_dir()) / "seed-000-konnim-2565.yaml")
    save_assessment(agency=agency, document=dict(seed, agency=agency.name))
    units = list(agency.units.all())
    users = {}
    for role in ("coordinator", "executive"):
        users[role] = get_user_model().objects.create_user(role, password="bench")
        Membership.objects.create(user=users[role], agency=agency, role=role)
    plan = services.plan_for(agency=agency, fiscal_year=2566)
    measures = Measure.objects.bulk_create(
        [
            Measure(
                plan=plan,
                number=n,
                title=f"มาตรการส่งเสริมคุณธรรมที่ {n}",
                steps="ขั้นที่หนึ่ง\nขั้นที่สอง",
                start=date(2022, 10, 1),
                end=date(2023, 3 + n % 6, 1),
                follow_up="รายงานผลรอบ ๖ เดือน",
                indicators=[n % 10 + 1],
                oit_items=[f"O{n % 40 + 1}"],
            )
            for n in range(1, count + 1)
        ]
    )
    through = Measure.units.through
    through.objects.bulk_create(
        [through(measure_id=m.pk, unit_id=units[i % len(units)].pk) for i, m in enumerate(measures)]
    )
    services.submit(plan=plan, user=users["coordinator"])
    services.approve(plan=plan, user=users["executive"])
    progress_round = services.open_round(plan=plan, months=6, as_of=date(2023, 3, 31))
    statuses = [s for s, _ in ProgressEntry.Status.choices]
    entries = list(progress_round.entries.all())
    for i, entry in enumerate(entries):
        entry.status = statuses[i % len(statuses)]
    ProgressEntry.objects.bulk_update(entries, ["status"])
    return agency, users


if __name__ == "__main__":
    main()
