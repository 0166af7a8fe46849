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
from prongsai.importers.results_import import (
    DocumentTextError,
    ImportedResults,
    TemplateError,
    import_results_many,
)


def register(commands: Any) -> None:
    p = commands.add_parser(
        "import-text",
        help="read ITA results from a report (.txt .md .docx .pdf) or a filled-in template",
    )
    p.add_argument("file", help="a report, or a results template (.xlsx/.csv)")
    p.add_argument(
        "--format",
        choices=("yaml", "json", "jsonl"),
        default="yaml",
        help="a text about several agencies gives a list (jsonl: one document a line)",
    )
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
        found = import_results_many(
            data, path.name, library.registry(), year=args.year, explain=args.explain
        )
    except (DocumentTextError, TemplateError) as exc:
        raise CliError(
            str(exc) if isinstance(exc, DocumentTextError) else f"{path.name}:\n{exc}"
        ) from exc
    readable = [imported for imported in found if imported.ok]
    for imported in found:
        if imported.ok and len(found) > 1:
            continue
        if not imported.ok and (len(found) == 1 or not readable):
            raise CliError(_refusal(path.name, imported))
        if not imported.ok:  # one agency of several: say so and go on with the others
            print(
                f"! {imported.document.get('agency', '?')}: {_refusal(path.name, imported)}",
                file=sys.stderr,
            )
    for imported in readable:
        source = imported.document["source"]
        for note in [*source.get("doubts", []), *source.get("warnings", [])]:
            print(f"! {note['message']}", file=sys.stderr)
    _print([imported.document for imported in readable], args.format, several=len(found) > 1)
    return 0


def _refusal(name: str, imported: ImportedResults) -> str:
    lines = [f"{name}: {p.message} / {p.message_en}" for p in imported.problems]
    if "fiscal_year" not in imported.document:
        lines.append("ระบุปีที่ประเมินด้วย --year เช่น --year 2568 / give the ITA year with --year")
    return "\n".join(lines)


def _print(documents: list[dict[str, Any]], fmt: str, *, several: bool) -> None:
    """One object for a text about one agency; a list when it reports several."""
    if fmt == "jsonl":
        for document in documents:
            sys.stdout.write(_json(document) + "\n")
    elif fmt == "json":
        sys.stdout.write(_json(documents if several else documents[0], indent=2) + "\n")
    else:
        sys.stdout.write(dump_yaml(documents if several else documents[0]))


def _json(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_json_number)


def _json_number(value: object) -> object:
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else float(value)
        )
    raise TypeError(type(value).__name__)
