"""Reads of agencies and their ITA years that the pages, the API and the documents share.
Every number comes from the engine: these functions only load and ask it."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from prongsai import library
from prongsai.agencies.models import Agency, Assessment
from prongsai.engine import DEFAULT_THRESHOLD, Analysis, analyze, framework_for, parse_results
from prongsai.engine.compare import compare_documents
from prongsai.thai.sort import thai_sort_key


def proposed_units(agency: Agency) -> list[str]:
    """The usual units of the agency's kind when it has none yet (offered on its settings
    page, stored only when the page is sent)."""
    from prongsai.thai.units import DEFAULT_UNITS

    if agency.units.exists():
        return []
    return list(DEFAULT_UNITS.get(agency.kind, DEFAULT_UNITS["other"]))


def assessment_of(agency: Agency, year: int) -> Assessment | None:
    return Assessment.objects.filter(agency=agency, fiscal_year=year).first()


def assessments_of(agency_ids: list[int], year: int) -> dict[int, Assessment]:
    """The ITA year's assessment of each of these agencies that has one, by agency id."""
    found = Assessment.objects.filter(agency_id__in=agency_ids, fiscal_year=year)
    return {a.agency_id: a for a in found.only("id", "agency_id", "fiscal_year", "published")}


def analysis_of(assessment: Assessment, threshold: Decimal | None = None) -> Analysis:
    """The engine's analysis of an assessment, with the change from the year before."""
    registry = library.registry()
    results = parse_results(assessment.results)
    earlier = assessment_of(assessment.agency, assessment.fiscal_year - 1)
    previous = None
    if earlier is not None:
        earlier_results = parse_results(earlier.results)
        previous = (framework_for(registry, earlier_results), earlier_results)
    options: dict[str, Any] = {"previous": previous}
    if threshold is not None:
        options["threshold"] = threshold
    return analyze(framework_for(registry, results), results, **options)


def analysis_for_year(agency: Agency, year: int) -> Analysis | None:
    assessment = assessment_of(agency, year)
    return None if assessment is None else analysis_of(assessment)


@dataclass(frozen=True)
class YearView:
    """What the page of one ITA year shows: the analysis, its content as the documents
    word it, and the indicator chart (PNG, base64 for an inline image)."""

    analysis: Analysis
    content: dict[str, Any]
    chart: str
    threshold: Decimal


def year_view(assessment: Assessment, threshold: Decimal | None) -> YearView:
    from prongsai.documents.chart import indicator_chart
    from prongsai.documents.content import Options, build_content

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    analysis = analysis_of(assessment, threshold)
    content = build_content(
        "analysis", analysis=analysis, agency=None, options=Options(thai_digits=False)
    )["analysis"]
    chart = base64.b64encode(indicator_chart(content, thai_digits=False)).decode("ascii")
    return YearView(analysis, content, chart, threshold)


def issuers(agency: Agency) -> dict[str, Any]:
    """The unit chosen to issue each kind of document, by kind."""
    return {i.kind: i for i in agency.issuers.select_related("unit")}


IMAGE_KINDS = ("emblem", "logo")


def agency_images(agency: Agency) -> list[tuple[str, str, Any]]:
    """(kind, label, the stored image or None) for the emblem and the logo."""
    from prongsai.agencies.models import AgencyImage

    stored = {i.kind: i for i in agency.images.only("kind", "width", "height", "uploaded")}
    return [(kind, label, stored.get(kind)) for kind, label in AgencyImage.Kind.choices]


def agency_image(agency: Agency, kind: str) -> Any:
    return agency.images.filter(kind=kind).first()


def document_texts(assessment: Assessment) -> dict[str, str]:
    """The year's free-text parts as the documents print them: the agency's own where it
    wrote them, the built-in default elsewhere (what the web form starts from)."""
    from prongsai.agencies.models import DocumentTexts
    from prongsai.documents.content import default_texts

    default = default_texts(analysis_of(assessment))
    stored = DocumentTexts.objects.filter(assessment=assessment).first()
    return {
        name: (getattr(stored, name, "") if stored else "") or getattr(default, name)
        for name in ("introduction", "recommendations", "limitations")
    }


def trend(agency: Agency) -> QuerySet[Assessment]:
    """The agency's years, oldest first, with only what a trend line needs."""
    return agency.assessments.order_by("fiscal_year").only("fiscal_year", "analysis")


def replacement_changes(agency: Agency, document: Mapping[str, Any]) -> list[Any] | None:
    """What saving `document` would change in the agency's stored year, or None when the
    year is new (nothing would be replaced). Raises `ResultsError` when the engine
    cannot read the document or has no edition for its year, so nothing is compared
    that could not be saved."""
    framework_for(library.registry(), parse_results(document))
    existing = assessment_of(agency, int(document["fiscal_year"]))
    return None if existing is None else compare_documents(existing.results, document)


def published_assessments(agency: Agency) -> QuerySet[Assessment]:
    """What the public page shows of the agency's ITA years."""
    return agency.assessments.filter(published__isnull=False).order_by("-fiscal_year")


def matching(agencies: QuerySet[Agency], search: str) -> list[int]:
    """The ids of the agencies whose name, district or province contains every word of
    the search, in Thai dictionary order of their names (a few thousand names sort in
    milliseconds; the database's own order puts every เทศบาล… after every อบต.)."""
    for word in search.split():
        agencies = agencies.filter(
            Q(name__icontains=word) | Q(district__icontains=word) | Q(province__icontains=word)
        )
    names = agencies.values_list("pk", "name")
    return [pk for pk, name in sorted(names, key=lambda row: (thai_sort_key(row[1]), row[0]))]


def with_assessments(ids: Sequence[int]) -> list[Agency]:
    """These agencies in this order, each with its assessments."""
    found = Agency.objects.filter(pk__in=ids).prefetch_related("assessments").in_bulk()
    return [found[pk] for pk in ids if pk in found]


def agency_by_id(agency_id: int) -> Agency | None:
    return Agency.objects.filter(pk=agency_id).first()


def public_assessment(agency_id: int, year: int) -> Assessment | None:
    return (
        Assessment.objects.select_related("agency")
        .filter(agency_id=agency_id, fiscal_year=year, published__isnull=False)
        .first()
    )


def audit_entries(agency: Agency) -> QuerySet[Any]:
    """The agency's audit trail, newest first (every entry carries its agency)."""
    from auditlog.models import LogEntry

    return (
        LogEntry.objects.filter(additional_data__agency=agency.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )


def template_kinds(agency: Agency) -> list[dict[str, Any]]:
    """Every document kind with its label and the agency's own template, if any."""
    from prongsai.agencies.models import DocumentTemplate

    own = {t.kind: t for t in agency.templates.all()}
    return [
        {"key": key, "label": label, "own": own.get(key)} for key, label in DocumentTemplate.KINDS
    ]


def own_template(agency: Agency, kind: str) -> Any:
    return agency.templates.filter(kind=kind).first()


def members(agency: Agency) -> QuerySet[Any]:
    return agency.memberships.select_related("user", "unit").order_by("role", "user__username")


INVITATIONS_SHOWN_DAYS = 30  # answered or withdrawn invitations stay listed this long


def invitations(agency: Agency) -> QuerySet[Any]:
    """The agency's pending invitations (expired ones too, marked so) and those answered
    or withdrawn lately, newest first, for its administrator."""
    from django.db.models import BooleanField, ExpressionWrapper
    from django.utils import timezone

    recent = timezone.now() - timedelta(days=INVITATIONS_SHOWN_DAYS)
    return (
        agency.invitations.filter(Q(state="pending") | Q(answered__gte=recent))
        .select_related("unit", "invited_by")
        .annotate(
            expired=ExpressionWrapper(
                Q(state="pending", expires__lte=timezone.now()), output_field=BooleanField()
            )
        )
    )


def invitations_for(user: Any) -> list[Any]:
    """The pending, unexpired invitations waiting for the signed-in user's answer."""
    from prongsai.agencies.models import Invitation

    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Invitation.objects.waiting()
        .filter(username=user.get_username())
        .select_related("agency", "unit", "invited_by")
        .order_by("expires")
    )


_OFFICE_NAMES = ("สำนักปลัด", "สำนักงานปลัด", "สำนักงานเลขานุการ")


def issuer_of(agency: Agency, kinds: tuple[str, ...]) -> tuple[str, str]:
    """(unit, phone) that issue a document: the agency's choice for the first of `kinds`
    it has chosen for, else its สำนักปลัด (or สำนักงานเลขานุการ), never a catch-all such
    as "ทุกส่วนราชการ" that happens to come first in the list of units."""
    chosen = {i.kind: i for i in agency.issuers.select_related("unit")}
    for kind in kinds:
        if kind in chosen:
            return chosen[kind].unit.name, chosen[kind].phone or agency.phone
    names = [u.name for u in agency.units.all()]
    office = next((n for n in names if n.startswith(_OFFICE_NAMES)), "สำนักปลัด")
    return office, agency.phone
