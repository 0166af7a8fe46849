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
from pathlib import Path

from prongsai.documents import Options, make_document
from prongsai.documents.content import build_content
from prongsai.documents.sample import SAMPLE_DATE, sample_inputs

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
    inputs = sample_inputs() | {"options": Options(today=SAMPLE_DATE)}
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
