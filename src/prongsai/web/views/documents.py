"""Documents on the web: an ITA year's or a plan's documents as Word or PDF, and the
agency's own Word templates (download the built-in one, upload a changed copy)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies import queries, services
from prongsai.agencies.access import Action, require
from prongsai.cycle import PLAN_DOCUMENTS as PLAN_KINDS
from prongsai.cycle import YEAR_DOCUMENTS as YEAR_KINDS
from prongsai.documents import FORMATS, KINDS, InputError
from prongsai.documents.docx import TemplateProblem, builtin_template
from prongsai.documents.pdf import PdfUnavailable
from prongsai.plans import document_inputs as documents
from prongsai.plans import queries as plan_queries
from prongsai.web.downloads import DOCX, PDF, download
from prongsai.web.views import found

MAX_TEMPLATE = 5 * 1024 * 1024


def _send(
    request: HttpRequest, agency: Any, make: Callable[[], bytes], name: str, fmt: str
) -> HttpResponse:
    try:
        data = make()
    except (TemplateProblem, PdfUnavailable, InputError) as exc:
        status = 503 if isinstance(exc, PdfUnavailable) else 422
        return render(
            request,
            "documents/problem.html",
            {"agency": agency, "problem": str(exc)},
            status=status,
        )
    return download(data, name, DOCX if fmt == "docx" else PDF)


@login_required
def documents_page(request: HttpRequest, agency_id: int) -> HttpResponse:
    access = require(request, agency_id)
    agency = access.agency
    kinds = queries.template_kinds(agency)
    return render(
        request,
        "documents/page.html",
        {
            "agency": agency,
            "access": access,
            "admin": access.can(Action.ADMIN),
            "can_edit_texts": access.can(Action.RESULTS),
            "assessments": agency.assessments.order_by("-fiscal_year"),
            "plans": agency.plans.order_by("-fiscal_year").prefetch_related("rounds"),
            "year_kinds": [k for k in kinds if k["key"] in YEAR_KINDS],
            "kinds": kinds,
        },
    )


@login_required
def year_document(
    request: HttpRequest, agency_id: int, year: int, kind: str, fmt: str
) -> HttpResponse:
    agency = require(request, agency_id).agency
    if kind not in YEAR_KINDS or fmt not in FORMATS:
        raise Http404
    assessment = found(queries.assessment_of(agency, year))
    make = partial(documents.document, kind, fmt, agency, assessment=assessment, about="analysis")
    return _send(request, agency, make, f"ita-{year}-{kind}.{fmt}", fmt)


@login_required
def plan_document(
    request: HttpRequest, agency_id: int, year: int, kind: str, fmt: str
) -> HttpResponse:
    agency = require(request, agency_id).agency
    if kind not in PLAN_KINDS or fmt not in FORMATS:
        raise Http404
    plan = found(plan_queries.plan_of(agency, year))
    make = partial(documents.document, kind, fmt, agency, plan=plan)
    return _send(request, agency, make, f"measures-{year}-{kind}.{fmt}", fmt)


@login_required
def round_document(
    request: HttpRequest, agency_id: int, year: int, months: int, fmt: str
) -> HttpResponse:
    agency = require(request, agency_id).agency
    if fmt not in FORMATS:
        raise Http404
    progress_round = found(plan_queries.round_of(agency, year, months))
    plan = progress_round.plan
    make = partial(
        documents.document, "progress", fmt, agency, plan=plan, progress_round=progress_round
    )
    return _send(request, agency, make, f"progress-{year}-{months}.{fmt}", fmt)


@login_required
def builtin(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    return download(builtin_template(kind), f"template-{kind}.docx", DOCX)


@login_required
def own_template(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    template = found(queries.own_template(agency, kind))
    return download(bytes(template.content), template.name, DOCX)


@require_POST
@login_required
def upload_template(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    if kind not in KINDS:
        raise Http404
    upload = request.FILES.get("file")
    if upload is None or not upload.name.lower().endswith(".docx"):
        messages.error(request, _("Choose a Word file (.docx)."))
    elif upload.size > MAX_TEMPLATE:
        messages.error(request, _("The template is larger than 5 MB."))
    else:
        try:
            services.save_template(
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
def remove_template(request: HttpRequest, agency_id: int, kind: str) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    services.remove_template(agency=agency, kind=kind)
    messages.success(request, _("The built-in template will be used again."))
    return redirect("documents", agency_id=agency.pk)
