"""Benchmark: the analysis+measures document for a real-size plan, as Word and as PDF.

    python bench/documents.py [--repeat 5]

Seed 000's results (10 indicators) with the example plan of 12 measures and the
example agency, rendered in process after one warm-up (fonts and templates loaded).
Prints the best time of each format, with a baseline from the same run: building the
content alone, which every format pays. Goals here: Word under 0.5 s, PDF under 2 s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from prongsai.documents import Options, make_document
from prongsai.documents.content import build_content
from prongsai.documents.inputs import read_agency, read_plan, read_yaml_file
from prongsai.engine import Registry, analyze, framework_for, parse_results
from prongsai.engine.yamlio import load_yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def best(work: Callable[[], object], repeat: int) -> float:
    work()  # warm-up: fonts, templates, imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = parse_results(load_yaml((EXAMPLES / "seed-000-konnim-2565.yaml").read_text("utf-8")))
    inputs = {
        "analysis": analyze(framework_for(Registry(), results), results),
        "agency": read_agency(read_yaml_file(EXAMPLES / "agency-konnim.yaml")),
        "plan": read_plan(read_yaml_file(EXAMPLES / "measures-konnim-2566.yaml")),
        "options": Options(today=date(2022, 11, 20)),
    }
    content = best(lambda: build_content("analysis+measures", **inputs), args.repeat)
    word = best(lambda: make_document("analysis+measures", "docx", **inputs), args.repeat)
    pdf = best(lambda: make_document("analysis+measures", "pdf", **inputs), args.repeat)
    measures = len(inputs["plan"].measures)
    print(f"analysis+measures, 10 indicators, {measures} measures; best of {args.repeat}")
    print(f"content alone: {content * 1000:7.1f} ms")
    print(
        f"Word (.docx):  {word * 1000:7.1f} ms  goal 500 ms — {'met' if word < 0.5 else 'NOT met'}"
    )
    print(f"PDF:           {pdf * 1000:7.1f} ms  goal 2000 ms — {'met' if pdf < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
