"""The public transparency page (no login): what an agency has published, as HTML pages
with PDF downloads, at stable URLs to give as OIT evidence links. A draft, a plan not
yet approved or anything unpublished is a 404, exactly like a page that never existed.
The PDFs are rendered once, when published, and served as stored (`plans.public_documents`)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

from prongsai.agencies.queries import agency_by_id, public_assessment, published_assessments
from prongsai.documents.pdf import FONT_FILES, PdfUnavailable, render_html
from prongsai.plans import document_inputs as documents
from prongsai.plans import public_documents, queries
from prongsai.web.downloads import PDF
from prongsai.web.rate_limits import RateLimit, too_many
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


# Downloads of public PDFs per client address in ten minutes: far more than a person
# reads, few enough that a loop cannot keep the server busy.
DOWNLOADS = RateLimit("public-pdf", "PUBLIC_DOWNLOADS_PER_ADDRESS", 60, 600)
MAX_AGE = 600  # seconds a browser or proxy may keep a PDF before asking again (ETag)


def _pdf(request: HttpRequest, kind: str, agency: Any, filename: str, **sources: Any) -> Any:
    """The stored PDF (rendered now if it is not stored yet), with caching headers; a 304
    when the visitor has it already, a 429 past the per-address limit."""
    year = (sources.get("assessment") or sources["plan"]).fiscal_year
    progress_round = sources.get("progress_round")
    months = progress_round.months if progress_round else 0
    stored = public_documents.stored(agency.pk, kind, year, months)
    if stored is not None and (same := _not_modified(request, stored)) is not None:
        return same
    if wait := DOWNLOADS.wait(request):
        return too_many(_("Too many downloads from this address; try again shortly."), wait)
    try:
        stored = stored or public_documents.render(kind, agency, **sources)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = FileResponse(stored.file.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = PDF
    response["X-Content-Type-Options"] = "nosniff"
    return _cacheable(response, stored)


def _cacheable(response: HttpResponse, stored: Any) -> HttpResponse:
    response["ETag"] = f'"{stored.sha256}"'
    response["Last-Modified"] = http_date(stored.rendered.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _not_modified(request: HttpRequest, stored: Any) -> HttpResponse | None:
    etag, modified = f'"{stored.sha256}"', int(stored.rendered.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    return _cacheable(response, stored) if response is not None else None


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
        return _pdf(request, kind, agency, filename, **sources)
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
