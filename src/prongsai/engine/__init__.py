"""The ITA engine: framework editions, scores, analysis and consistency checks.

Pure Python (stdlib, PyYAML, `prongsai.thai`); it never imports Django, so the
CLI, the web app, documents and scripts all share one source of every number.
"""

from prongsai.engine.analysis import DEFAULT_THRESHOLD, Analysis, analyze
from prongsai.engine.findings import Finding, ResultsError
from prongsai.engine.loader import FrameworkError, Problem, build_framework, read_framework
from prongsai.engine.model import Framework
from prongsai.engine.registry import BUILTIN_DIR, Registry, framework_for, nacc_key
from prongsai.engine.results import Results, parse_results
from prongsai.engine.scoring import Scores, compute_scores, item_weight
from prongsai.engine.serialize import analysis_to_dict

__all__ = [
    "BUILTIN_DIR",
    "DEFAULT_THRESHOLD",
    "Analysis",
    "Finding",
    "Framework",
    "FrameworkError",
    "Problem",
    "Registry",
    "Results",
    "ResultsError",
    "Scores",
    "analysis_to_dict",
    "analyze",
    "build_framework",
    "compute_scores",
    "framework_for",
    "item_weight",
    "nacc_key",
    "parse_results",
    "read_framework",
]
