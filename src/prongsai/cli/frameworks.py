"""`prongsai framework …`: list, show, validate, import and export editions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from prongsai import library
from prongsai.cli.common import (
    CliError,
    edition,
)
from prongsai.cli.textreport import render_framework
from prongsai.engine import (
    Framework,
    read_framework,
)
from prongsai.engine.loader import build_framework
from prongsai.engine.yamlio import dump_yaml, load_yaml


def register(commands: Any) -> None:
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


def cmd_framework_list(args: argparse.Namespace) -> int:
    registry = library.registry()
    for framework in registry.all():
        folder = registry.paths[framework.key].parent
        origin = {
            library.BUILTIN_DIR: "built-in",
            library.edited_frameworks_dir(): "edited",
        }.get(folder, "imported")
        print(
            f"{framework.key:<14} {framework.fiscal_year}  {framework.provenance.confidence:<9}"
            f" {len(framework.questions):>3} ข้อคำถาม  {len(framework.oit_items):>3} ข้อ OIT"
            f"  {'rating' if framework.rating else 'grade '}  {origin}"
        )
    return 0


def cmd_framework_show(args: argparse.Namespace) -> int:
    sys.stdout.write(render_framework(edition(args.edition)))
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
    registry = library.registry()
    target = library.imported_frameworks_dir() / f"{framework.key}.yaml"
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
    framework = edition(args.edition)
    source = library.registry().paths[framework.key]
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
