"""What every command shares: the bad-input error, and arguments read the same way."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any

from prongsai import library
from prongsai.engine import Framework, ResultsError
from prongsai.engine.numbers import parse_score
from prongsai.thai import parse_be_year, to_arabic_digits

BAD_INPUT = 2


class CliError(Exception):
    """Bad input: printed to stderr, exit code 2, nothing on stdout."""


def threshold_argument(text: str) -> Decimal:
    value = parse_score(text)
    if value is None:
        raise CliError(
            f"--threshold: ค่า {text!r} ใช้ไม่ได้ ต้องเป็นคะแนน 0–100 / "
            f"{text!r} is not a score from 0 to 100"
        )
    return value


def problems(label: str, exc: ResultsError, lang: str) -> list[str]:
    return [f"{label}: {p.message_en if lang == 'en' else p.message}" for p in exc.problems]


def print_json(data: Any, indent: int | None = None) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def be_year_argument(text: str) -> int:
    try:
        return parse_be_year(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r}: ต้องเป็นปีพุทธศักราช เช่น 2568 / a BE year like 2568"
        ) from exc


def edition(text: str) -> Framework:
    registry = library.registry()
    key = text if text in registry else f"nacc-{to_arabic_digits(text).strip()}"
    if key not in registry:
        raise CliError(f"ไม่มีเกณฑ์ {text!r} (มี {', '.join(registry.keys())}) / no edition {text!r}")
    return registry.get(key)
