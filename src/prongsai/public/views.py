"""The public transparency page (no login): what an agency has published, as HTML pages
with PDF downloads, at stable URLs to give as OIT evidence links. A draft, a plan not
yet approved or anything unpublished is a 404, exactly like a page that never existed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from prongsai.agencies.queries import agency_by_id, public_assessment, published_assessments
from prongsai.documents.pdf import FONT_FILES, PdfUnavailable, render_html
from prongsai.plans import document_inputs as documents
from prongsai.plans import queries
from prongsai.web.downloads import PDF, download
from prongsai.web.views import found


def public_agency(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = found(agency_by_id(agency_id))
    return render(
        request,
        "public/agency.html",
        {
            "agency": agency,
            "assessments": published_assessments(agency),
            "plans": queries.public_plans(agency),
            "rounds": queries.public_rounds(agency),
        },
    )


def _page(
    request: HttpRequest,
    kind: str,
    agency: Any,
    label: str,
    pdf_url: str,
    filename: str,
    **sources: Any,
) -> HttpResponse:
    if request.path.endswith(".pdf"):
        try:
            data = documents.document(kind, "pdf", agency, **sources)
        except PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
        return download(data, filename, PDF)
    content = documents.content(kind, agency, **sources)
    home = reverse("public", args=[agency.pk])
    # each file by name: the production storage only knows files, with hashed names
    fonts = {weight: static(f"fonts/{name}") for weight, name in FONT_FILES.items()}
    return HttpResponse(
        render_html(content, fonts=fonts, page={"home": home, "label": label, "pdf": pdf_url})
    )


def public_analysis(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    assessment = found(public_assessment(agency_id, year))
    pdf = reverse("public_analysis_pdf", args=[agency_id, year])
    return _page(
        request,
        "analysis",
        assessment.agency,
        f"ITA {year}",
        pdf,
        f"ita-{year}-analysis.pdf",
        assessment=assessment,
    )


def public_measures(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    plan = found(queries.public_plan(agency_id, year))
    pdf = reverse("public_measures_pdf", args=[agency_id, year])
    return _page(
        request, "measures", plan.agency, f"มาตรการ {year}", pdf, f"measures-{year}.pdf", plan=plan
    )


def public_progress(request: HttpRequest, agency_id: int, year: int, months: int) -> HttpResponse:
    progress_round = found(queries.public_round(agency_id, year, months))
    pdf = reverse("public_progress_pdf", args=[agency_id, year, months])
    plan = progress_round.plan
    return _page(
        request,
        "progress",
        plan.agency,
        f"ผลการดำเนินการ {year} รอบ {months} เดือน",
        pdf,
        f"progress-{year}-{months}.pdf",
        plan=plan,
        progress_round=progress_round,
    )
