"""Documents on the web: download an ITA year's documents as Word or PDF, and manage the
agency's own Word templates (download the built-in one, upload a changed copy)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies.models import Agency, Assessment, DocumentTemplate
from prongsai.agencies.services import WEB_DOCUMENT_KINDS, assessment_document, save_template
from prongsai.documents import FORMATS, KINDS
from prongsai.documents.docx import TemplateProblem, builtin_template
from prongsai.documents.pdf import PdfUnavailable
from prongsai.web.results_views import staff_required

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE = 5 * 1024 * 1024


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@staff_required
def documents_page(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    own = {t.kind: t for t in agency.templates.all()}
    kinds = [
        {"key": key, "label": label, "own": own.get(key)} for key, label in DocumentTemplate.KINDS
    ]
    return render(
        request,
        "documents/page.html",
        {
            "agency": agency,
            "assessments": agency.assessments.order_by("-fiscal_year"),
            "web_kinds": [k for k in kinds if k["key"] in WEB_DOCUMENT_KINDS],
            "kinds": kinds,
        },
    )


@login_required
@staff_required
def document(request: HttpRequest, agency_id: int, year: int, kind: str, fmt: str) -> HttpResponse:
    if kind not in WEB_DOCUMENT_KINDS or fmt not in FORMATS:
        raise Http404
    assessment = get_object_or_404(Assessment, agency_id=agency_id, fiscal_year=year)
    try:
        data = assessment_document(assessment, kind, fmt)
    except (TemplateProblem, PdfUnavailable) as exc:
        return render(
            request,
            "documents/problem.html",
            {"agency": assessment.agency, "problem": str(exc)},
            status=503 if isinstance(exc, PdfUnavailable) else 422,
        )
    name = f"ita-{year}-{kind}.{fmt}"
    return _download(data, name, DOCX if fmt == "docx" else "application/pdf")


@login_required
@staff_required
def builtin(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    return _download(builtin_template(kind), f"template-{kind}.docx", DOCX)


@login_required
@staff_required
def own_template(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    template = get_object_or_404(DocumentTemplate, agency_id=agency_id, kind=kind)
    return _download(bytes(template.content), template.name, DOCX)


@require_POST
@login_required
@staff_required
def upload_template(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    if kind not in KINDS:
        raise Http404
    upload = request.FILES.get("file")
    if upload is None or not upload.name.lower().endswith(".docx"):
        messages.error(request, _("Choose a Word file (.docx)."))
    elif upload.size > MAX_TEMPLATE:
        messages.error(request, _("The template is larger than 5 MB."))
    else:
        try:
            save_template(
                agency=agency, kind=kind, name=upload.name, data=upload.read(), user=request.user
            )
        except TemplateProblem as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The agency's own template is saved and will be used from now on.")
            )
    return redirect("documents", agency_id=agency.pk)


@require_POST
@login_required
@staff_required
def remove_template(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    DocumentTemplate.objects.filter(agency_id=agency_id, kind=kind).delete()
    messages.success(request, _("The built-in template will be used again."))
    return redirect("documents", agency_id=agency_id)
