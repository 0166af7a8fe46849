"""Sample content of every document kind, from the examples: used to try an uploaded
template before it is kept."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from prongsai.documents.content import Options, build_content
from prongsai.documents.inputs import read_agency, read_plan, read_progress, read_yaml_file
from prongsai.engine import Registry, analyze, framework_for, parse_results
from prongsai.library import examples_dir

SAMPLE_DATE = date(2022, 11, 20)  # when อบต.คอนนิม would have written these


@cache
def sample_inputs() -> dict[str, Any]:
    """Seed 000's results, the example agency, plan and six-month round (examples/)."""
    examples = Path(examples_dir())
    results = parse_results(read_yaml_file(examples / "seed-000-konnim-2565.yaml"))
    plan = read_plan(read_yaml_file(examples / "measures-konnim-2566.yaml"))
    return {
        "analysis": analyze(framework_for(Registry(), results), results),
        "agency": read_agency(read_yaml_file(examples / "agency-konnim.yaml")),
        "plan": plan,
        "progress": read_progress(read_yaml_file(examples / "progress-konnim-2566-r6.yaml"), plan),
    }


def sample_content(kind: str) -> dict[str, Any]:
    return build_content(kind, **sample_inputs(), options=Options(today=SAMPLE_DATE))
