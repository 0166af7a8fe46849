"""The `prongsai` command: one module per command group.

analyze, import-text, framework and links never import Django (they must start fast and run
anywhere); serve, demo, manage and api-token set Django up on demand.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from prongsai.cli import (
    analyze,
    backup,
    documents,
    frameworks,
    importing,
    links,
    server,
    tokens,
)
from prongsai.cli.common import BAD_INPUT, CliError
from prongsai.engine import FrameworkError

COMMAND_GROUPS = (analyze, importing, documents, frameworks, links, server, tokens, backup)


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
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
