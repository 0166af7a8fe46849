"""The `prongsai` command.

analyze and framework never import Django (they must start fast and run anywhere);
serve, demo and manage set Django up on demand.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from prongsai import paths
from prongsai.documents import FORMATS, KINDS
from prongsai.engine import (
    DEFAULT_THRESHOLD,
    Analysis,
    Framework,
    FrameworkError,
    ResultsError,
    analysis_to_dict,
    analyze,
    framework_for,
    parse_results,
    read_framework,
)
from prongsai.engine.loader import build_framework
from prongsai.engine.numbers import parse_score
from prongsai.engine.yamlio import dump_yaml, load_yaml
from prongsai.importers.results_file import ResultsFileError, read_results_file
from prongsai.importers.results_import import DocumentTextError, TemplateError, import_results
from prongsai.importers.results_template import write_template_csv, write_template_xlsx
from prongsai.textreport import render, render_batch_header, render_batch_line, render_framework
from prongsai.thai import parse_be_date, parse_be_year, to_arabic_digits

BAD_INPUT = 2


class CliError(Exception):
    """Bad input: printed to stderr, exit code 2, nothing on stdout."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return BAD_INPUT
    except FrameworkError as exc:
        print("เกณฑ์การประเมินไม่ถูกต้อง / invalid framework edition:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="prongsai",
        description="prongsai (โปร่งใส): the workbench for an agency's ITA cycle",
    )
    commands = parser.add_subparsers(dest="command", required=True)

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

    p = commands.add_parser(
        "import-text",
        help="read ITA results from a report (.txt .md .docx .pdf) or a filled-in template",
    )
    p.add_argument("file", help="a report, or a results template (.xlsx/.csv)")
    p.add_argument("--format", choices=("yaml", "json"), default="yaml")
    p.add_argument("--explain", action="store_true", help="say where each value was found")
    p.add_argument("--year", type=_be_year, help="the ITA year, when the document is unclear")
    p.set_defaults(handler=cmd_import_text)

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
    p.add_argument("--year", type=_be_year, help="the ITA year (default: the latest edition)")
    p.add_argument("-o", "--output", required=True, help="OUT.xlsx or OUT.csv")
    p.set_defaults(handler=cmd_template)

    fw = commands.add_parser("framework", help="ITA framework editions").add_subparsers(
        dest="action", required=True
    )
    p = fw.add_parser("list", help="list the editions")
    p.set_defaults(handler=cmd_framework_list)
    p = fw.add_parser("show", help="show one edition")
    p.add_argument("edition", help="an ITA year (2566) or an edition key (nacc-2566)")
    p.set_defaults(handler=cmd_framework_show)
    p = fw.add_parser("validate", help="check an edition file (.yaml or .xlsx)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_framework_validate)
    p = fw.add_parser("import", help="add an edition (.yaml or .xlsx) to DATA_DIR")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="replace an imported edition")
    p.set_defaults(handler=cmd_framework_import)
    p = fw.add_parser("export", help="write an edition as YAML or as an Excel workbook")
    p.add_argument("edition")
    p.add_argument("-o", "--output", required=True, help="OUT.yaml or OUT.xlsx")
    p.set_defaults(handler=cmd_framework_export)

    for name, help_text in (
        ("serve", "start the web app"),
        ("demo", "start the web app with demo data"),
    ):
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--dev", action="store_true", help="Django's development server, DEBUG on")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        p.set_defaults(handler=cmd_serve, demo=name == "demo")

    p = commands.add_parser("manage", help="run a Django management command")
    p.add_argument("arguments", nargs=argparse.REMAINDER)
    p.set_defaults(handler=cmd_manage)
    return parser


# --- analyze ----------------------------------------------------------------------


def _threshold(text: str) -> Decimal:
    value = parse_score(text)
    if value is None:
        raise CliError(
            f"--threshold: ค่า {text!r} ใช้ไม่ได้ ต้องเป็นคะแนน 0–100 / "
            f"{text!r} is not a score from 0 to 100"
        )
    return value


def _problems(label: str, exc: ResultsError, lang: str) -> list[str]:
    return [f"{label}: {p.message_en if lang == 'en' else p.message}" for p in exc.problems]


def cmd_analyze(args: argparse.Namespace) -> int:
    threshold = _threshold(args.threshold)
    registry = paths.registry()
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
            errors += _problems(document.label, exc, args.lang)
    analyses: list[Analysis] = []
    for document in documents:
        try:
            results = parse_results(document.data)
            framework = framework_for(registry, results)
        except ResultsError as exc:
            errors += _problems(document.label, exc, args.lang)
            continue
        analyses.append(analyze(framework, results, threshold=threshold, previous=previous))
    if errors:
        raise CliError("\n".join(errors))

    if args.format == "json":
        dicts = [analysis_to_dict(a) for a in analyses]
        _print_json(dicts if batch else dicts[0], indent=2)
    elif args.format == "jsonl":
        for analysis in analyses:
            _print_json(analysis_to_dict(analysis))
    elif batch:
        lines = [render_batch_header(args.lang), *(render_batch_line(a) for a in analyses)]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        sys.stdout.write(render(analyses[0], args.lang))
    return 0


def _print_json(data: Any, indent: int | None = None) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


# --- import ------------------------------------------------------------------------


def _be_year(text: str) -> int:
    try:
        return parse_be_year(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r}: ต้องเป็นปีพุทธศักราช เช่น 2568 / a BE year like 2568"
        ) from exc


def cmd_import_text(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: เปิดไฟล์ไม่ได้ / cannot open: {exc.strerror}") from exc
    try:
        imported = import_results(
            data, path.name, paths.registry(), year=args.year, explain=args.explain
        )
    except (DocumentTextError, TemplateError) as exc:
        raise CliError(
            str(exc) if isinstance(exc, DocumentTextError) else f"{path.name}:\n{exc}"
        ) from exc
    if not imported.ok:
        lines = [f"{path.name}: {p.message} / {p.message_en}" for p in imported.problems]
        if "fiscal_year" not in imported.document:
            lines.append("ระบุปีที่ประเมินด้วย --year เช่น --year 2568 / give the ITA year with --year")
        raise CliError("\n".join(lines))
    source = imported.document["source"]
    for note in [*source.get("doubts", []), *source.get("warnings", [])]:
        print(f"! {note['message']}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(
            json.dumps(imported.document, ensure_ascii=False, indent=2, default=_json_number) + "\n"
        )
    else:
        sys.stdout.write(dump_yaml(imported.document))
    return 0


def _json_number(value: object) -> object:
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else float(value)
        )
    raise TypeError(type(value).__name__)


def cmd_report(args: argparse.Namespace) -> int:
    from prongsai.documents import InputError, Options, make_document
    from prongsai.documents.docx import TemplateProblem
    from prongsai.documents.inputs import read_agency, read_plan, read_progress, read_yaml_file
    from prongsai.documents.pdf import PdfUnavailable

    registry = paths.registry()
    threshold = _threshold(args.threshold)
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
        raise CliError("\n".join(_problems(args.results, exc, "th"))) from exc
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
    framework = _edition(str(args.year)) if args.year else paths.registry().edition_or_latest(None)
    data = write_template_csv(framework) if args.format == "csv" else write_template_xlsx(framework)
    Path(args.output).write_bytes(data)
    print(
        f"{args.output}: แบบฟอร์มผลการประเมิน ITA {framework.fiscal_year} / results template",
        file=sys.stderr,
    )
    return 0


# --- framework --------------------------------------------------------------------


def _edition(text: str) -> Framework:
    registry = paths.registry()
    key = text if text in registry else f"nacc-{to_arabic_digits(text).strip()}"
    if key not in registry:
        raise CliError(f"ไม่มีเกณฑ์ {text!r} (มี {', '.join(registry.keys())}) / no edition {text!r}")
    return registry.get(key)


def cmd_framework_list(args: argparse.Namespace) -> int:
    registry = paths.registry()
    for framework in registry.all():
        origin = (
            "built-in"
            if registry.paths[framework.key].parent == paths.BUILTIN_DIR
            else ("imported")
        )
        print(
            f"{framework.key:<14} {framework.fiscal_year}  {framework.provenance.confidence:<9}"
            f" {len(framework.questions):>3} ข้อคำถาม  {len(framework.oit_items):>3} ข้อ OIT"
            f"  {'rating' if framework.rating else 'grade '}  {origin}"
        )
    return 0


def cmd_framework_show(args: argparse.Namespace) -> int:
    sys.stdout.write(render_framework(_edition(args.edition)))
    return 0


def _read_edition_file(path: Path) -> tuple[Framework, dict[str, Any]]:
    """Validate an edition file; return it and its data in YAML shape."""
    if path.suffix.lower() == ".xlsx":
        from prongsai.importers.framework_xlsx import WorkbookError, read_workbook

        try:
            data = read_workbook(path)
        except WorkbookError as exc:
            raise CliError(str(exc)) from exc
        return build_framework(data, file=str(path)), data
    framework = read_framework(path)
    return framework, load_yaml(path.read_text(encoding="utf-8"))


def cmd_framework_validate(args: argparse.Namespace) -> int:
    framework, _ = _read_edition_file(Path(args.file))
    print(
        f"ถูกต้อง / valid: {framework.key} ({framework.fiscal_year}): "
        f"{len(framework.indicators)} ตัวชี้วัด, {len(framework.questions)} ข้อคำถาม, "
        f"{len(framework.oit_items)} ข้อ OIT"
    )
    return 0


def cmd_framework_import(args: argparse.Namespace) -> int:
    framework, data = _read_edition_file(Path(args.file))
    registry = paths.registry()
    target = paths.imported_frameworks_dir() / f"{framework.key}.yaml"
    if framework.key in registry and registry.paths[framework.key] != target:
        raise CliError(
            f"{framework.key} เป็นเกณฑ์ที่มีมากับโปรแกรม ให้ใช้ key อื่น / "
            f"{framework.key} is a built-in edition: give yours another key"
        )
    if target.exists() and not args.replace:
        raise CliError(
            f"มีเกณฑ์ {framework.key} อยู่แล้ว ใช้ --replace เพื่อแทนที่ / "
            f"{framework.key} was imported before: use --replace"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump_yaml(data), encoding="utf-8")
    print(f"นำเข้าแล้ว / imported: {framework.key} → {target}")
    return 0


def cmd_framework_export(args: argparse.Namespace) -> int:
    framework = _edition(args.edition)
    source = paths.registry().paths[framework.key]
    output = Path(args.output)
    if output.suffix.lower() == ".xlsx":
        from prongsai.importers.framework_xlsx import write_workbook

        write_workbook(load_yaml(source.read_text(encoding="utf-8")), output)
    elif output.suffix.lower() in (".yaml", ".yml"):
        output.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        raise CliError(f"{output}: ใช้ .yaml หรือ .xlsx / use .yaml or .xlsx")
    print(f"{framework.key} → {output}")
    return 0


# --- web --------------------------------------------------------------------------


def _setup_django(*, debug: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    if debug:
        os.environ["DEBUG"] = "true"
    paths.ensure_secret_key()
    import django

    django.setup()


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django(debug=args.dev)
    from django.core.management import call_command

    editions = paths.registry().all()  # refuse to start on a broken imported edition
    print(f"เกณฑ์การประเมิน {len(editions)} ฉบับ: {', '.join(f.key for f in editions)}")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    url = f"http://{args.host}:{args.port}/"
    if args.demo:
        from prongsai.agencies.demo import load_demo

        login = load_demo()
        print(
            f"ข้อมูลตัวอย่างพร้อมแล้ว / demo data loaded\n"
            f"  เข้าใช้ที่ / open     {url}\n"
            f"  ชื่อผู้ใช้ / username  {login.username}\n"
            f"  รหัสผ่าน / password  {login.password}"
        )
        if login.others:
            print("  ผู้ใช้ของ อบต.คอนนิม ตามบทบาท / users of อบต.คอนนิม by role:")
            for username, role, password in login.others:
                print(f"    {username:<14} {password:<14} {role}")
    else:
        print(f"prongsai: {url}")
    sys.stdout.flush()
    if args.dev:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
        return 0
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "prongsai.web.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    os.execv(sys.executable, gunicorn)
    return 0  # not reached


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prongsai manage", *args.arguments])
    return 0


if __name__ == "__main__":
    sys.exit(main())
