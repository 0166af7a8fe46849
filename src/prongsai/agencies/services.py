"""Domain services: load, call the engine, persist. Views and commands call these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from prongsai import paths
from prongsai.agencies.models import Agency, Assessment
from prongsai.engine import Registry, analysis_to_dict, analyze, framework_for, parse_results
from prongsai.engine.serialize import results_to_document


@transaction.atomic
def save_assessment(
    *,
    agency: Agency,
    document: Mapping[str, Any],
    source: str = "",
    registry: Registry | None = None,
) -> Assessment:
    """Check a results document with the engine and store it with its analysis.

    Raises `ResultsError` (nothing saved) when the document cannot be analysed.
    Replaces the agency's assessment of the same year.
    """
    results = parse_results(document)
    framework = framework_for(registry or paths.registry(), results)
    analysis = analyze(framework, results)
    assessment, _ = Assessment.objects.update_or_create(
        agency=agency,
        fiscal_year=results.fiscal_year,
        defaults={
            "framework": framework.key,
            "results": results_to_document(results),
            "analysis": analysis_to_dict(analysis),
            "source": source,
        },
    )
    return assessment
