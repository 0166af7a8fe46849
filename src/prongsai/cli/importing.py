"""`prongsai import-text`: read results from a report or a filled-in template."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from prongsai import library
from prongsai.cli.common import (
    CliError,
    be_year_argument,
)
from prongsai.engine.yamlio import dump_yaml
from prongsai.importers.results_import import DocumentTextError, TemplateError, import_results


def register(commands: Any) -> None:
    p = commands.add_parser(
        "import-text",
        help="read ITA results from a report (.txt .md .docx .pdf) or a filled-in template",
    )
    p.add_argument("file", help="a report, or a results template (.xlsx/.csv)")
    p.add_argument("--format", choices=("yaml", "json"), default="yaml")
    p.add_argument("--explain", action="store_true", help="say where each value was found")
    p.add_argument(
        "--year", type=be_year_argument, help="the ITA year, when the document is unclear"
    )
    p.set_defaults(handler=cmd_import_text)


def cmd_import_text(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: เปิดไฟล์ไม่ได้ / cannot open: {exc.strerror}") from exc
    try:
        imported = import_results(
            data, path.name, library.registry(), year=args.year, explain=args.explain
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
