"""The OIT evidence workspace: every item of the year with its answer, who fills it and
its review and approval; an item's page; the answer sheet and the publication memo."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies.access import Access, Action, require
from prongsai.documents.pdf import PdfUnavailable
from prongsai.jobs import queries as job_queries
from prongsai.oit import documents, queries, services, tasks
from prongsai.oit.rules import element_checklist
from prongsai.oit.services import OitError
from prongsai.web.downloads import DOCX, PDF, XLSX, download
from prongsai.web.forms.oit import AnswerForm, AssignForm, AttachmentForm, CommentForm
from prongsai.web.views import found

CSV = "text/csv; charset=utf-8"


@login_required
def oit_home(request: HttpRequest, agency_id: int) -> HttpResponse:
    require(request, agency_id)
    return redirect("oit", agency_id=agency_id, year=queries.coming_year())


def _known_year(year: int) -> None:
    if not 2500 <= year <= 2700:  # a Buddhist-era ITA year
        raise Http404


@login_required
def workspace_page(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    access = require(request, agency_id)
    _known_year(year)
    framework, exact = queries.edition_for(year)
    workspace = queries.workspace_of(access.agency, year)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "agency": access.agency,
        "year": year,
        "coming": queries.coming_year(today),
        "framework": framework,
        "exact": exact,
        "workspace": workspace,
        "can": {action.value: access.can(action) for action in Action},
    }
    if workspace is not None:
        rows = queries.rows(workspace, access, today=today)
        context |= {
            "framework": queries.framework_of(workspace),
            "rows": rows,
            "mine": [r for r in rows if _is_mine(r, access)],
            "counts": queries.counts(workspace),
            "readiness": queries.readiness(workspace, today=today),
        } | _link_job(request, workspace)
    return render(request, "oit/workspace.html", context)


def _link_job(request: HttpRequest, workspace: Any) -> dict[str, Any]:
    """The workspace's link check in progress: its bar for the one who started it (only
    they may poll it), a note for everyone else."""
    job = tasks.running_check(workspace)
    if job is None:
        return {"link_job": None}
    mine = job.user_id == request.user.pk
    return {"link_job": job, "link_status": job_queries.status(job) if mine else None}


def _is_mine(row: queries.Row, access: Access) -> bool:
    answer = row.answer
    own_unit = access.unit_id is not None and answer.unit_id == access.unit_id
    return own_unit or answer.assignee_id == access.user.pk


@require_POST
@login_required
def workspace_open(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    _known_year(year)
    services.open_workspace(agency=agency, fiscal_year=year, user=request.user)
    return redirect("oit", agency_id=agency_id, year=year)


def _answer(request: HttpRequest, agency_id: int, year: int, code: str) -> tuple[Access, Any]:
    access = require(request, agency_id)
    return access, found(queries.answer_of(access.agency, year, code))


@login_required
def item_page(request: HttpRequest, agency_id: int, year: int, code: str) -> HttpResponse:
    access, answer = _answer(request, agency_id, year, code)
    item = queries.framework_of(answer.workspace).item_by_code.get(code)
    editable = queries.may_fill(access, answer)
    elements = element_checklist(item.elements if item else "")
    form = AnswerForm(elements, request.POST or None, initial=AnswerForm.initial_of(answer))
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid() and _fill(request, answer, form):
            return redirect("oit_item", agency_id=agency_id, year=year, code=code)
    context = _item_context(access, answer, item) | {"form": form, "editable": editable}
    return render(request, "oit/item.html", context)


def _fill(request: HttpRequest, answer: Any, form: Any) -> bool:
    """Save the unit's answer; False (the error on the form) when the service refuses."""
    try:
        reopened = services.fill(answer=answer, values=form.values(), user=request.user)
    except OitError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, _("Saved."))
    if reopened:
        messages.warning(request, _("The answer changed: it needs review and approval again."))
    return True


def _item_context(access: Any, answer: Any, item: Any) -> dict[str, Any]:
    agency = access.agency
    rows = queries.rows(answer.workspace, access, today=timezone.localdate())
    return {
        "agency": agency,
        "year": answer.workspace.fiscal_year,
        "answer": answer,
        "item": item,
        "row": next(r for r in rows if r.answer.pk == answer.pk),
        "assign_form": AssignForm(
            queries.unit_choices(agency),
            queries.member_choices(agency),
            initial={"unit": answer.unit_id, "assignee": answer.assignee_id, "due": answer.due},
        ),
        "comment_form": CommentForm(),
        "history": queries.link_history(answer),
        "attachment_form": AttachmentForm(),
        "can": {action.value: access.can(action) for action in Action},
    }


@require_POST
@login_required
def item_assign(request: HttpRequest, agency_id: int, year: int, code: str) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    answer = found(queries.answer_of(agency, year, code))
    form = AssignForm(queries.unit_choices(agency), queries.member_choices(agency), request.POST)
    if form.is_valid():
        services.assign(answer=answer, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("oit_item", agency_id=agency_id, year=year, code=code)


# step → (who may take it, what it does)
STEPS = {
    "review": (Action.PLAN, lambda answer, user, text: services.review(answer=answer, user=user)),
    "return": (
        Action.PLAN,
        lambda answer, user, text: services.send_back(answer=answer, user=user, comment=text),
    ),
    "approve": (
        Action.APPROVE,
        lambda answer, user, text: services.approve(answer=answer, user=user),
    ),
}


@require_POST
@login_required
def item_step(
    request: HttpRequest, agency_id: int, year: int, code: str, step: str
) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    action, run = STEPS[step]
    agency = require(request, agency_id, action).agency
    answer = found(queries.answer_of(agency, year, code))
    try:
        run(answer, request.user, request.POST.get("text", ""))
    except OitError as exc:
        messages.error(request, str(exc))
    return redirect("oit_item", agency_id=agency_id, year=year, code=code)


@require_POST
@login_required
def item_comment(request: HttpRequest, agency_id: int, year: int, code: str) -> HttpResponse:
    access, answer = _answer(request, agency_id, year, code)
    if not (
        queries.may_fill(access, answer) or access.can(Action.PLAN) or access.can(Action.APPROVE)
    ):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(answer=answer, user=request.user, text=form.cleaned_data["text"])
    return redirect("oit_item", agency_id=agency_id, year=year, code=code)


@require_POST
@login_required
def item_attach(request: HttpRequest, agency_id: int, year: int, code: str) -> HttpResponse:
    access, answer = _answer(request, agency_id, year, code)
    if not queries.may_fill(access, answer):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            services.add_attachment(
                answer=answer, user=request.user, upload=form.cleaned_data["file"]
            )
        except OitError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Attachment added."))
    return redirect("oit_item", agency_id=agency_id, year=year, code=code)


@login_required
def attachment_file(request: HttpRequest, agency_id: int, attachment_id: int) -> HttpResponse:
    agency = require(request, agency_id).agency
    attachment = found(queries.attachment_of(agency, attachment_id))
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_POST
@login_required
def approve_reviewed(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.APPROVE).agency
    workspace = found(queries.workspace_of(agency, year))
    count = services.approve_reviewed(workspace=workspace, user=request.user)
    messages.success(request, _("%(count)s items approved.") % {"count": count})
    return redirect("oit", agency_id=agency_id, year=year)


@require_POST
@login_required
def links_check(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    workspace = found(queries.workspace_of(agency, year))
    if tasks.running_check(workspace) is not None:
        messages.info(request, _("The links are being checked already."))
    else:
        tasks.start_check(workspace=workspace, user=request.user)
    return redirect("oit", agency_id=agency_id, year=year)


@require_POST
@login_required
def item_links_check(request: HttpRequest, agency_id: int, year: int, code: str) -> HttpResponse:
    access, answer = _answer(request, agency_id, year, code)
    if not (queries.may_fill(access, answer) or access.can(Action.PLAN)):
        raise PermissionDenied
    job = tasks.start_check(workspace=answer.workspace, user=request.user, codes=[code])
    return redirect("job", job_id=job.pk)


@login_required
def link_snapshot(request: HttpRequest, agency_id: int, check_id: int) -> HttpResponse:
    """The copy of a page or file kept as proof, as a download (never shown in our pages)."""
    agency = require(request, agency_id).agency
    check = found(queries.link_check_of(agency, check_id))
    if not check.snapshot:
        raise Http404
    response = FileResponse(
        check.snapshot.open("rb"),
        as_attachment=True,
        filename=f"snapshot-{check.checked:%Y%m%d-%H%M}-{check.sha256[:12]}.bin",
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
def answer_sheet(request: HttpRequest, agency_id: int, year: int, fmt: str) -> HttpResponse:
    agency = require(request, agency_id).agency
    if fmt not in ("xlsx", "csv"):
        raise Http404
    workspace = found(queries.workspace_of(agency, year))
    lines = [queries.SHEET_HEADER, *queries.sheet(workspace)]
    name = f"oit-{year}-answers.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(lines)
        return download(("\ufeff" + buffer.getvalue()).encode("utf-8"), name, CSV)
    return download(_xlsx(lines, year), name, XLSX)


def _xlsx(lines: list[Any], year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"OIT {year}"
    for line in lines:
        sheet.append(list(line))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (8, 50, 10, 60, 60), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@login_required
def publication_memo(request: HttpRequest, agency_id: int, year: int, fmt: str) -> HttpResponse:
    agency = require(request, agency_id).agency
    if fmt not in ("docx", "pdf"):
        raise Http404
    workspace = found(queries.workspace_of(agency, year))
    if not queries.counts(workspace)["approved"]:
        problem = _("No item is approved yet: the memo lists the approved items only.")
        return render(
            request, "documents/problem.html", {"agency": agency, "problem": problem}, status=409
        )
    try:
        data = documents.publication_memo(workspace, fmt)
    except PdfUnavailable as exc:
        return render(
            request, "documents/problem.html", {"agency": agency, "problem": str(exc)}, status=503
        )
    return download(data, f"oit-{year}-publication-memo.{fmt}", DOCX if fmt == "docx" else PDF)
