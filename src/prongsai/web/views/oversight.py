"""Oversight pages: a body's agencies at a glance (dashboard, chart, Excel, summary
report) and, for the body's managers, the import of many agencies' results."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai import library
from prongsai.agencies.access import require_body, require_importer
from prongsai.oversight import queries, services
from prongsai.oversight.dashboard import PAGE
from prongsai.web.downloads import PDF, XLSX, download
from prongsai.web.forms.oversight import FilterForm, ImportForm, chosen

SALT = "oversight-import"


@login_required
def bodies(request: HttpRequest) -> HttpResponse:
    return render(request, "oversight/bodies.html", {"bodies": queries.bodies_for(request.user)})


@login_required
def body_home(request: HttpRequest, body_id: int) -> HttpResponse:
    body = require_body(request, body_id)
    years = queries.body_years(body)
    if years:
        return redirect("oversight_dashboard", body_id=body.pk, year=years[0])
    context = {
        "body": body,
        "dashboard": None,
        "can_import": queries.may_import(request.user, body),
    }
    return render(request, "oversight/dashboard.html", context)


def _dashboard(request: HttpRequest, body: Any, year: int) -> tuple[Any, FilterForm]:
    kinds = list(queries.kind_labels().items())
    board = queries.dashboard(body, year, **chosen(request.GET))
    return board, FilterForm(request.GET or None, board.districts, kinds)


@login_required
def dashboard(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    body = require_body(request, body_id)
    board, form = _dashboard(request, body, year)
    page = Paginator(board.rows, PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "body": body,
        "dashboard": board,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "years": queries.body_years(body),
        "names": queries.indicator_names(year),
        "titles": queries.item_titles(year),
        "kind_labels": queries.kind_labels(),
        "can_import": queries.may_import(request.user, body),
        "summary_urls": True,
    }
    return render(request, "oversight/dashboard.html", context)


@login_required
def chart(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    from prongsai.documents.chart import distribution_chart

    body = require_body(request, body_id)
    board, _form = _dashboard(request, body, year)
    png = distribution_chart(board.bins, 85, f"{body.name} — ITA {year}", thai_digits=False)
    response = HttpResponse(png, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def export(request: HttpRequest, body_id: int, year: int) -> HttpResponse:
    from prongsai.oversight.export import dashboard_xlsx

    body = require_body(request, body_id)
    board, _form = _dashboard(request, body, year)
    plans = {"draft": _("draft"), "submitted": _("submitted"), "approved": _("approved")}
    data = dashboard_xlsx(board, queries.kind_labels(), plans)
    return download(data, f"ita-{year}-{body.pk}.xlsx", XLSX)


@login_required
def summary(request: HttpRequest, body_id: int, year: int, fmt: str) -> HttpResponse:
    body = require_body(request, body_id)
    if fmt not in ("docx", "pdf"):
        raise Http404
    data = queries.summary_document(body, year, fmt)
    if fmt == "pdf":
        return download(data, f"ita-{year}-summary.pdf", PDF)
    from prongsai.web.downloads import DOCX

    return download(data, f"ita-{year}-summary.docx", DOCX)


@login_required
def import_page(request: HttpRequest, body_id: int) -> HttpResponse:
    body = require_importer(request, body_id)
    if request.method == "POST" and "payload" in request.POST:
        return _save(request, body)
    form = ImportForm(request.POST or None, request.FILES or None)
    plan = payload = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        wanted = {
            "data": base64.b64encode(upload.read()).decode("ascii") if upload else "",
            "name": upload.name if upload else "",
            "text": form.cleaned_data["text"] or "",
            "year": form.cleaned_data["year"],
        }
        plan = _plan(request, body, wanted, form)
        if plan is not None:
            payload = signing.dumps(wanted, salt=SALT, compress=True)
    context = {"body": body, "form": form, "plan": plan, "payload": payload}
    return render(request, "oversight/import.html", context)


def _plan(request: HttpRequest, body: Any, wanted: dict[str, Any], form: Any = None) -> Any:
    from prongsai.importers.document_text import DocumentTextError
    from prongsai.importers.results_batch import BatchError
    from prongsai.oversight.batch import lines_from_upload

    registry = library.registry()
    try:
        lines = lines_from_upload(
            base64.b64decode(wanted["data"]),
            wanted["name"],
            wanted["text"],
            wanted["year"],
            body.province,
            registry,
        )
    except (BatchError, DocumentTextError) as exc:
        if form is not None:
            form.add_error(None, str(exc))
        return None
    source = wanted["name"] or _("pasted text")
    by = request.user.get_username()
    return queries.import_preview(lines, source, registry, by=by, body=body)


def _save(request: HttpRequest, body: Any) -> HttpResponse:
    try:
        wanted = signing.loads(request.POST["payload"], salt=SALT)
    except signing.BadSignature:
        messages.error(request, _("The import could not be checked; start again."))
        return redirect("oversight_import", body_id=body.pk)
    plan = _plan(request, body, wanted)
    if plan is None:
        return redirect("oversight_import", body_id=body.pk)
    written = services.apply_import(plan=plan, user=request.user)
    messages.success(
        request,
        _(
            "Saved: %(created)s new results, %(replaced)s replaced, %(agencies)s new "
            "agencies; %(skipped)s lines left out."
        )
        % written,
    )
    return redirect("oversight_body", body_id=body.pk)
