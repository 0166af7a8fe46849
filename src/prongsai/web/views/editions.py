"""ITA framework editions on the web, for system administrators: start a new year's
edition from the latest one (or a workbook), correct the OIT items and their grouping,
and publish it for every agency. The engine validates every save."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.editions import queries, services
from prongsai.engine.yamlio import load_yaml
from prongsai.web.downloads import XLSX, download
from prongsai.web.forms.editions import (
    NewEditionForm,
    OitItemFormSet,
    SubIndicatorFormSet,
    WorkbookForm,
    initial_items,
    records,
)
from prongsai.web.views import found

MAX_WORKBOOK = 5 * 1024 * 1024


def _staff(request: HttpRequest) -> None:
    """System administrators only; to anyone else the pages do not exist."""
    if not request.user.is_staff:
        raise Http404


@login_required
def edition_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    editions = queries.library_editions()
    form = NewEditionForm([e.key for e in editions], request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.copy_edition(user=request.user, **form.cleaned_data)
        except services.EditionError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("edition", key=draft.key)
    context = {"editions": editions, "drafts": queries.drafts(), "form": form}
    return render(request, "editions/list.html", context | {"upload": WorkbookForm()})


@require_POST
@login_required
def edition_upload(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = WorkbookForm(request.POST, request.FILES)
    upload = form.files.get("file")
    if not form.is_valid() or upload is None or upload.size > MAX_WORKBOOK:
        messages.error(request, _("Choose a framework workbook (.xlsx, at most 5 MB)."))
        return redirect("editions")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edition.xlsx"
        path.write_bytes(upload.read())
        try:
            draft = services.import_workbook(path=path, user=request.user)
        except services.EditionError as exc:
            messages.error(request, str(exc))
            return redirect("editions")
    return redirect("edition", key=draft.key)


@require_POST
@login_required
def edition_start(request: HttpRequest, key: str) -> HttpResponse:
    """A draft of an edition in the library, to correct its grouping."""
    _staff(request)
    if key not in {e.key for e in queries.library_editions()}:
        raise Http404
    services.edit_edition(key=key, user=request.user)
    return redirect("edition", key=key)


@login_required
def edition_page(request: HttpRequest, key: str) -> HttpResponse:
    _staff(request)
    draft = found(queries.draft_of(key))
    subs, items = queries.oit_of(draft)
    data = request.POST if request.method == "POST" else None
    sub_forms = SubIndicatorFormSet(data, initial=subs, prefix="subs")
    item_forms = OitItemFormSet(data, initial=initial_items(items), prefix="items")
    problems = services.problems_of(load_yaml(draft.data), draft.key)
    if data is not None and sub_forms.is_valid() and item_forms.is_valid():
        problems = services.save_oit(
            draft=draft,
            sub_indicators=records(sub_forms),
            items=records(item_forms),
            user=request.user,
        )
        messages.success(request, _("Saved.") if not problems else _("Saved as a draft."))
        return redirect("edition", key=key)
    context = {"draft": draft, "subs": sub_forms, "items": item_forms, "problems": problems}
    return render(request, "editions/edit.html", context)


@require_POST
@login_required
def edition_publish(request: HttpRequest, key: str) -> HttpResponse:
    _staff(request)
    draft = found(queries.draft_of(key))
    try:
        services.publish(draft=draft, user=request.user)
    except services.EditionError as exc:
        messages.error(request, f"{exc} ({len(exc.problems)})")
    else:
        messages.success(request, _("Published: every agency now uses this edition."))
    return redirect("edition", key=key)


@login_required
def edition_workbook(request: HttpRequest, key: str) -> HttpResponse:
    _staff(request)
    draft = found(queries.draft_of(key))
    from prongsai.importers.framework_xlsx import write_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{key}.xlsx"
        write_workbook(load_yaml(draft.data), path)
        return download(path.read_bytes(), f"{key}.xlsx", XLSX)
