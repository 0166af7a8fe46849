"""Domain services: load, call the engine, persist. Views and commands call these."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from prongsai import paths
from prongsai.agencies.models import Agency, Assessment, AssessmentVersion
from prongsai.engine import Registry, analysis_to_dict, analyze, framework_for, parse_results
from prongsai.engine.serialize import results_to_document


@transaction.atomic
def save_assessment(
    *,
    agency: Agency,
    document: Mapping[str, Any],
    source: str = "",
    registry: Registry | None = None,
    user: Any = None,
) -> Assessment:
    """Check a results document with the engine and store it with its analysis.

    Raises `ResultsError` (nothing saved) when the document cannot be analysed.
    Replaces the agency's assessment of the same year; the replaced results are kept
    as an `AssessmentVersion`.
    """
    results = parse_results(document)
    framework = framework_for(registry or paths.registry(), results)
    analysis = analyze(framework, results)
    values = {
        "framework": framework.key,
        "results": results_to_document(results),
        "analysis": analysis_to_dict(analysis),
        "source": source[:300],
    }
    existing = (
        Assessment.objects.select_for_update()
        .filter(agency=agency, fiscal_year=results.fiscal_year)
        .first()
    )
    if existing is None:
        return Assessment.objects.create(agency=agency, fiscal_year=results.fiscal_year, **values)
    AssessmentVersion.objects.create(
        assessment=existing,
        results=existing.results,
        analysis=existing.analysis,
        source=existing.source,
        saved=existing.updated,
        replaced_by=user if getattr(user, "is_authenticated", False) else None,
    )
    for name, value in values.items():
        setattr(existing, name, value)
    existing.save()
    return existing
