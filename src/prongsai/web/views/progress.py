"""A progress round: where each measure stands, by unit and by indicator; unit editors
update their own measures and attach evidence."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies.access import Action, require
from prongsai.plans import queries, services
from prongsai.plans.services import EditConflict, PlanError
from prongsai.web.conflicts import conflict_of
from prongsai.web.forms.fields import error_text
from prongsai.web.forms.workbench import EntryForm, RoundDateForm
from prongsai.web.views import found

PAGE_SIZE = 100  # measures per page; agencies usually have 10–30


@login_required
def round_page(request: HttpRequest, agency_id: int, year: int, months: int) -> HttpResponse:
    access = require(request, agency_id)
    progress_round = found(queries.round_of(access.agency, year, months))
    entries = queries.round_entries(progress_round)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    by_unit, by_indicator = queries.dashboard(progress_round)
    return render(
        request,
        "plan/round.html",
        {
            "agency": access.agency,
            "round": progress_round,
            "rows": queries.round_rows(page, access),
            "page": page,
            "by_unit": by_unit,
            "by_indicator": by_indicator,
            "statuses": queries.status_choices(),
            "can_publish": access.can(Action.PUBLISH),
            "can_plan": access.can(Action.PLAN),
            "date_form": RoundDateForm(initial={"as_of": progress_round.as_of}),
        },
    )


def _entry(
    request: HttpRequest, agency_id: int, year: int, months: int, number: int
) -> tuple[Any, Any]:
    access = require(request, agency_id)
    entry = found(queries.entry_of(access.agency, year, months, number))
    if not access.can_update(queries.entry_unit_ids(entry)):
        raise PermissionDenied
    return access, entry


def _nothing_saved(form: EntryForm, entry: Any) -> None:
    """After a refused save: a chosen file must be chosen again (browsers cannot refill
    a file input), and the page shows the evidence that is stored."""
    if form.cleaned_data["evidence_file"]:
        form.add_error("evidence_file", _("Nothing was saved; choose the file again."))
    entry.refresh_from_db()


@login_required
def entry_edit(
    request: HttpRequest, agency_id: int, year: int, months: int, number: int
) -> HttpResponse:
    """Where a measure stands and its evidence, in one form saved at once."""
    access, entry = _entry(request, agency_id, year, months, number)
    form = EntryForm(request.POST or None, request.FILES or None, instance=entry)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.record_progress(
                entry=entry,
                values=form.values(),
                user=request.user,
                evidence_url=form.cleaned_data["evidence_url"] or "",
                evidence_upload=form.cleaned_data["evidence_file"],
                version=form.read_version(),
            )
        except EditConflict as exc:
            conflict = conflict_of(form, exc)
            _nothing_saved(form, entry)
        except PlanError as exc:
            form.add_error(None, str(exc))
            _nothing_saved(form, entry)
        else:
            saved = _("Progress saved.")
            if evidence is not None:
                saved = _("Progress saved with the evidence %(name)s.") % {"name": evidence.name}
            messages.success(request, saved)
            return redirect("round", agency_id=agency_id, year=year, months=months)
    context = {"agency": access.agency, "entry": entry, "form": form, "conflict": conflict}
    return render(request, "plan/entry.html", context)


@login_required
def evidence_file(request: HttpRequest, agency_id: int, evidence_id: int) -> HttpResponse:
    """Evidence is only ever sent as a download of the type it was checked to be."""
    agency = require(request, agency_id).agency
    evidence = found(queries.evidence_of(agency, evidence_id))
    if not evidence.file:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_POST
@login_required
def evidence_delete(request: HttpRequest, agency_id: int, evidence_id: int) -> HttpResponse:
    """Those who may update the entry may remove its evidence (not while it is public)."""
    access = require(request, agency_id)
    evidence = found(queries.evidence_of(access.agency, evidence_id))
    entry = evidence.entry
    if not access.can_update(queries.entry_unit_ids(entry)):
        raise PermissionDenied
    try:
        services.delete_evidence(evidence=evidence)
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The evidence %(name)s was deleted.") % {"name": evidence.name})
    progress_round = entry.round
    return redirect(
        "entry",
        agency_id=agency_id,
        year=progress_round.plan.fiscal_year,
        months=progress_round.months,
        number=entry.measure.number,
    )


@require_POST
@login_required
def round_publish(request: HttpRequest, agency_id: int, year: int, months: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PUBLISH).agency
    progress_round = found(queries.round_of(agency, year, months))
    published = request.POST.get("publish") == "1"
    try:
        services.publish_round(progress_round=progress_round, published=published)
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        text = (
            _("The %(months)s-month round is on the public page.")
            if published
            else _("The %(months)s-month round was taken off the public page.")
        )
        messages.success(request, text % {"months": months})
    return redirect("round", agency_id=agency_id, year=year, months=months)


@require_POST
@login_required
def round_date(request: HttpRequest, agency_id: int, year: int, months: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    progress_round = found(queries.round_of(agency, year, months))
    form = RoundDateForm(request.POST)
    try:
        if not form.is_valid():
            raise PlanError(error_text(form))
        services.change_round_date(progress_round=progress_round, as_of=form.cleaned_data["as_of"])
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The round's date was changed."))
    return redirect("round", agency_id=agency_id, year=year, months=months)


@require_POST
@login_required
def round_delete(request: HttpRequest, agency_id: int, year: int, months: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    progress_round = found(queries.round_of(agency, year, months))
    try:
        if request.POST.get("confirm") != "yes":
            raise PlanError(_("Tick the box to confirm that the round is to be deleted."))
        services.delete_round(progress_round=progress_round)
    except PlanError as exc:
        messages.error(request, str(exc))
        return redirect("round", agency_id=agency_id, year=year, months=months)
    messages.success(request, _("The %(months)s-month round was deleted.") % {"months": months})
    return redirect("plan", agency_id=agency_id, year=year)
