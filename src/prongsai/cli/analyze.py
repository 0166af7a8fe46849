"""`prongsai analyze`: score, check and analyse results documents (no Django)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from prongsai import library
from prongsai.cli.common import (
    CliError,
    print_json,
    problems,
    threshold_argument,
)
from prongsai.cli.textreport import render, render_batch_header, render_batch_line
from prongsai.engine import (
    DEFAULT_THRESHOLD,
    Framework,
    Results,
    ResultsError,
    analysis_to_dict,
    analyze,
    framework_for,
    parse_results,
)
from prongsai.importers.results_file import ResultsFileError, read_results_file


def register(commands: Any) -> None:
    p = commands.add_parser("analyze", help="score, check and analyse ITA results")
    p.add_argument("file", help="a results document (.yaml/.json) or a batch (.csv)")
    p.add_argument("--previous", help="last year's results document, for the change")
    p.add_argument(
        "--threshold",
        default=str(DEFAULT_THRESHOLD),
        help="strength/weakness threshold (default 85)",
    )
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    p.add_argument("--lang", choices=("th", "en"), default="th", help="language of text output")
    p.set_defaults(handler=cmd_analyze)


def cmd_analyze(args: argparse.Namespace) -> int:
    threshold = threshold_argument(args.threshold)
    registry = library.registry()
    try:
        documents, batch = read_results_file(Path(args.file))
        previous_documents = read_results_file(Path(args.previous))[0] if args.previous else []
    except ResultsFileError as exc:
        raise CliError(str(exc)) from exc
    if batch and args.previous:
        raise CliError(
            "--previous ใช้กับเอกสารผลการประเมินฉบับเดียว ไม่ใช่ไฟล์ CSV / "
            "--previous works with a single results document, not a CSV"
        )
    if len(previous_documents) > 1:
        raise CliError(f"{args.previous}: ต้องเป็นเอกสารฉบับเดียว / must be a single document")

    errors: list[str] = []
    previous = None
    for document in previous_documents:
        try:
            results = parse_results(document.data)
            previous = (framework_for(registry, results), results)
        except ResultsError as exc:
            errors += problems(document.label, exc, args.lang)
    parsed: list[tuple[Framework, Results]] = []
    for document in documents:
        try:
            results = parse_results(document.data)
            parsed.append((framework_for(registry, results), results))
        except ResultsError as exc:
            errors += problems(document.label, exc, args.lang)
    if errors:
        raise CliError("\n".join(errors))

    # One analysis at a time, written out as it is made: a batch's analyses kept whole
    # are millions of objects that the garbage collector walks again and again.
    analyses = (analyze(f, r, threshold=threshold, previous=previous) for f, r in parsed)
    if args.format == "json":
        dicts = [analysis_to_dict(a) for a in analyses]
        print_json(dicts if batch else dicts[0], indent=2)
    elif args.format == "jsonl":
        for analysis in analyses:
            print_json(analysis_to_dict(analysis))
    elif batch:
        sys.stdout.write(render_batch_header(args.lang) + "\n")
        for analysis in analyses:
            sys.stdout.write(render_batch_line(analysis) + "\n")
    else:
        sys.stdout.write(render(next(analyses), args.lang))
    return 0
