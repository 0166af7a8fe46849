"""Shared test helpers: the transcribed seed results in examples/."""

from pathlib import Path
from typing import Any

from prongsai.engine import Results, parse_results
from prongsai.engine.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_000 = "seed-000-konnim-2565.yaml"
SEED_001 = "seed-001-ise-2566.yaml"
SEED_002 = "seed-002-nonhan-2565.yaml"


def example(name: str) -> dict[str, Any]:
    return load_yaml((EXAMPLES / name).read_text(encoding="utf-8"))


def results_of(name: str) -> Results:
    return parse_results(example(name))
