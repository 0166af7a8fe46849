"""Benchmark: a public PDF served as stored against rendering it for the request.

    python bench/public_pdf.py [--repeat 20]

Loads the demo agency (its plan and six-month round are published, so their PDFs are
rendered once, at publication) in a throwaway SQLite database, then times through
Django's test client (the whole request in process) the best of `repeat` for: the
login page (baseline, no work of ours), the stored measures and progress PDFs, a
revalidation answered 304, and, for comparison, rendering the same PDFs as every
anonymous request did before they were stored. Prints milliseconds and the ratio to
the baseline: the machine is shared and noisy, the ratios are the figures to compare.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from harness import django_here


def best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    django_here()
    from django.conf import settings
    from django.test import Client

    from prongsai.cli.demo_data import load_demo
    from prongsai.plans import document_inputs
    from prongsai.plans.models import Plan

    load_demo()
    settings.PUBLIC_DOWNLOADS_PER_ADDRESS = 10**9  # timing the work, not the limit
    plan = Plan.objects.select_related("agency").get(published__isnull=False)
    progress_round = plan.rounds.get()
    agency, year, months = plan.agency, plan.fiscal_year, progress_round.months
    client = Client()
    measures = f"/p/{agency.pk}/measures/{year}.pdf"
    progress = f"/p/{agency.pk}/progress/{year}/{months}.pdf"
    etag = client.get(measures)["ETag"]

    def fetch(url: str, **headers: str) -> Callable[[], object]:
        def run() -> object:
            response = client.get(url, **headers)
            assert response.status_code in (200, 304), response.status_code
            return b"".join(response.streaming_content) if response.streaming else response

        return run

    timings = {
        "login page (baseline)": best(fetch("/login/"), args.repeat),
        "measures PDF, stored": best(fetch(measures), args.repeat),
        "progress PDF, stored": best(fetch(progress), args.repeat),
        "measures PDF, 304 (If-None-Match)": best(
            fetch(measures, HTTP_IF_NONE_MATCH=etag), args.repeat
        ),
        "measures PDF, rendered per request (before)": best(
            lambda: document_inputs.document("measures", "pdf", agency, plan=plan), 3
        ),
        "progress PDF, rendered per request (before)": best(
            lambda: document_inputs.document(
                "progress", "pdf", agency, plan=plan, progress_round=progress_round
            ),
            3,
        ),
    }
    baseline = timings["login page (baseline)"]
    for label, ms in timings.items():
        print(f"{label:48} {ms:9.1f} ms  {ms / baseline:7.1f}× baseline")


if __name__ == "__main__":
    main()
