"""`prongsai report` and `prongsai template`: official documents and blank forms."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from prongsai import library
from prongsai.cli.common import (
    CliError,
    be_year_argument,
    edition,
    problems,
    threshold_argument,
)
from prongsai.documents import FORMATS, KINDS
from prongsai.engine import (
    ResultsError,
    analyze,
    framework_for,
    parse_results,
)
from prongsai.importers.results_file import ResultsFileError, read_results_file
from prongsai.importers.results_template import write_template_csv, write_template_xlsx
from prongsai.thai import parse_be_date


def register(commands: Any) -> None:
    p = commands.add_parser(
        "report", help="an official document (analysis, measures, progress, memo, announcement)"
    )
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--results", help="the ITA results document (.yaml/.json)")
    p.add_argument("--previous", help="last year's results document, for the change")
    p.add_argument("--measures", help="the measures plan (.yaml, see examples/)")
    p.add_argument("--progress", help="a progress round (.yaml, see examples/)")
    p.add_argument("--agency", help="the agency and its signers (.yaml, see examples/)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--threshold", default="85", help="the score a strength reaches (default 85)")
    p.add_argument("--digits", choices=("thai", "arabic"), default="thai")
    p.add_argument("--dates", choices=("full", "abbreviated"), default="full")
    p.add_argument("--date", help="the document's date, BE (2567-03-31); default today")
    p.add_argument(
        "--about",
        choices=("measures", "analysis", "progress"),
        default="measures",
        help="what the memo sends (memo only)",
    )
    p.add_argument("--template", help="the agency's own Word template (.docx)")
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser("template", help="blank forms and Word templates")
    p.add_argument("kind", choices=("results", *KINDS))
    p.add_argument("--format", choices=("xlsx", "csv", "docx"), default=None)
    p.add_argument(
        "--year", type=be_year_argument, help="the ITA year (default: the latest edition)"
    )
    p.add_argument("-o", "--output", required=True, help="OUT.xlsx or OUT.csv")
    p.set_defaults(handler=cmd_template)


def cmd_report(args: argparse.Namespace) -> int:
    from prongsai.documents import InputError, Options, make_document
    from prongsai.documents.docx import TemplateProblem
    from prongsai.documents.inputs import read_agency, read_plan, read_progress, read_yaml_file
    from prongsai.documents.pdf import PdfUnavailable

    registry = library.registry()
    threshold = threshold_argument(args.threshold)
    try:
        analysis = None
        if args.results:
            previous = None
            if args.previous:
                earlier = _results_document(args.previous)
                previous = (framework_for(registry, earlier), earlier)
            results = _results_document(args.results)
            analysis = analyze(
                framework_for(registry, results), results, threshold=threshold, previous=previous
            )
        agency = (
            read_agency(read_yaml_file(Path(args.agency)), args.agency) if args.agency else None
        )
        plan = (
            read_plan(read_yaml_file(Path(args.measures)), args.measures) if args.measures else None
        )
        progress = None
        if args.progress:
            if plan is None:
                raise CliError("--progress ต้องใช้คู่กับ --measures / --progress needs --measures")
            progress = read_progress(read_yaml_file(Path(args.progress)), plan, args.progress)
        template = _read_template(args.template) if args.template else None
        options = Options(
            thai_digits=args.digits == "thai",
            abbreviated_dates=args.dates == "abbreviated",
            today=_be_date(args.date) if args.date else None,
            memo_about=args.about,
        )
        data = make_document(
            args.kind,
            args.format,
            analysis=analysis,
            agency=agency,
            plan=plan,
            progress=progress,
            options=options,
            template=template,
        )
    except (InputError, TemplateProblem, PdfUnavailable) as exc:
        raise CliError(str(exc)) from exc
    except ResultsError as exc:
        raise CliError("\n".join(problems(args.results, exc, "th"))) from exc
    Path(args.output).write_bytes(data)
    print(f"{args.output}: {len(data):,} ไบต์ / bytes", file=sys.stderr)
    return 0


def _results_document(name: str) -> Any:
    try:
        documents, batch = read_results_file(Path(name))
    except ResultsFileError as exc:
        raise CliError(str(exc)) from exc
    if batch or len(documents) != 1:
        raise CliError(
            f"{name}: ต้องเป็นเอกสารผลการประเมินฉบับเดียว / must be a single results document"
        )
    return parse_results(documents[0].data)


def _read_template(name: str) -> bytes:
    from prongsai.documents.docx import check_template

    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise CliError(f"{name}: เปิดไฟล์ไม่ได้ / cannot open: {exc.strerror}") from exc
    check_template(data)
    return data


def _be_date(text: str) -> date:
    try:
        return parse_be_date(text)
    except ValueError as exc:
        raise CliError(
            f"--date: {text!r} ต้องเป็นวันที่ พ.ศ. เช่น 2567-03-31 / a BE date like 2567-03-31"
        ) from exc


def cmd_template(args: argparse.Namespace) -> int:
    if args.kind != "results":
        from prongsai.documents.docx import builtin_template

        if args.format not in (None, "docx"):
            raise CliError("แม่แบบเอกสารเป็น .docx เท่านั้น / document templates are .docx only")
        Path(args.output).write_bytes(builtin_template(args.kind))
        print(f"{args.output}: แม่แบบ Word ของ {args.kind} / Word template", file=sys.stderr)
        return 0
    if args.format == "docx":
        raise CliError(
            "แบบฟอร์มผลการประเมินเป็น .xlsx หรือ .csv / the results template is .xlsx or .csv"
        )
    framework = edition(str(args.year)) if args.year else library.registry().edition_or_latest(None)
    data = write_template_csv(framework) if args.format == "csv" else write_template_xlsx(framework)
    Path(args.output).write_bytes(data)
    print(
        f"{args.output}: แบบฟอร์มผลการประเมิน ITA {framework.fiscal_year} / results template",
        file=sys.stderr,
    )
    return 0
