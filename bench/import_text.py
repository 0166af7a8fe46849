"""Benchmark: `prongsai import-text` on a 150 KB report, against bare Python in the same run.

    python bench/import_text.py [--size 150] [--repeat 5]

Builds a report of about SIZE KB from the three seed documents in tests/fixtures
(seed 001, the one with per-question tables, first, then the others repeated as
appendices, as long real reports are). Times, as whole processes, (a) `prongsai
import-text FILE` and (b) a bare-Python script that reads the same file and finds
every number in it with one regex. Also times the reader alone, in process. Prints
the best of each and the ratio of (a) to (b): the machine is shared and noisy, so the
ratio is the figure to compare between runs. Goals: the whole command under 1 s here,
and the reader (with the engine's checks) under 0.5 s for a 150 KB report.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
BASELINE = r"""
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(len(re.findall(r"[0-9๐-๙]+(?:\.[0-9๐-๙]+)?", text)))
"""


def build_report(path: Path, kilobytes: int) -> int:
    first = (SEEDS / "001-ise.txt").read_text(encoding="utf-8")
    others = [(SEEDS / n).read_text(encoding="utf-8") for n in ("000-konnim.txt", "002-nonhan.txt")]
    parts, size, n = [first], len(first.encode()), 0
    while size < kilobytes * 1024:
        appendix = f"\n\nภาคผนวก {n + 1}\n\n" + others[n % 2]
        parts.append(appendix)
        size += len(appendix.encode())
        n += 1
    path.write_text("".join(parts), encoding="utf-8")
    return size


def best_of(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=150, help="report size in KB")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.txt"
        size = build_report(report, args.size)
        baseline = Path(tmp) / "baseline.py"
        baseline.write_text(BASELINE, encoding="utf-8")
        command = best_of(
            [sys.executable, "-m", "prongsai.cli", "import-text", str(report)], args.repeat
        )
        bare = best_of([sys.executable, str(baseline), str(report)], args.repeat)

        from prongsai.engine import Registry
        from prongsai.importers.results_import import import_results

        data, registry = report.read_bytes(), Registry()
        import_results(data, report.name, registry)  # warm the registry
        reader = min(
            _timed(lambda: import_results(data, report.name, registry)) for _ in range(args.repeat)
        )
    print(f"report: {size / 1024:.0f} KB, {args.repeat} runs each, best times")
    print(f"prongsai import-text (whole process): {command:.3f} s")
    print(f"bare Python regex (whole process):    {bare:.3f} s")
    print(f"ratio: {command / bare:.1f}x")
    print(f"reader + engine alone (in process):   {reader:.3f} s")
    print(f"goal: under 1 s for the whole command — {'met' if command < 1 else 'NOT met'}")
    verdict = "met" if reader < 0.5 else "NOT met"
    print(f"goal: reader under 0.5 s for {size / 1024:.0f} KB — {verdict}")


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
