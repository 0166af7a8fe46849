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


# Kinds the web can make from what it stores today: the results. Measures and progress
# rounds are entered on the web with the workbench; until then they come from YAML files
# through `prongsai report`.
WEB_DOCUMENT_KINDS = ("analysis", "memo")


def assessment_document(assessment: Assessment, kind: str, fmt: str) -> bytes:
    """An official document for one ITA year, in the agency's own template if it has one.

    Raises `TemplateProblem` for a stored template that no longer renders and
    `PdfUnavailable` where WeasyPrint's system libraries are missing.
    """
    from prongsai.documents import Options, make_document
    from prongsai.documents.inputs import Agency as AgencyInput

    registry = paths.registry()
    results = parse_results(assessment.results)
    previous = None
    earlier = (
        Assessment.objects.filter(agency=assessment.agency, fiscal_year=assessment.fiscal_year - 1)
        .only("results")
        .first()
    )
    if earlier is not None:
        earlier_results = parse_results(earlier.results)
        previous = (framework_for(registry, earlier_results), earlier_results)
    analysis = analyze(framework_for(registry, results), results, previous=previous)
    agency = assessment.agency
    template = agency.templates.filter(kind=kind).first() if fmt == "docx" else None
    return make_document(
        kind,
        fmt,
        analysis=analysis,
        agency=AgencyInput(name=agency.name, district=agency.district, province=agency.province),
        options=Options(memo_about="analysis"),
        template=bytes(template.content) if template else None,
    )


@transaction.atomic
def save_template(*, agency: Agency, kind: str, name: str, data: bytes, user: Any = None) -> None:
    """Keep an agency's own Word template after proving it renders a whole document.

    Raises `TemplateProblem` (nothing saved) for a file that is not a usable template.
    """
    from prongsai.agencies.models import DocumentTemplate
    from prongsai.documents.docx import check_template, trial_render

    check_template(data)
    trial_render(kind, data)
    DocumentTemplate.objects.update_or_create(
        agency=agency,
        kind=kind,
        defaults={
            "name": name[:200],
            "content": data,
            "uploaded_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
