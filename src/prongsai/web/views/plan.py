"""The measures plan of a fiscal year: suggest from the library, edit, submit, approve,
publish; its documents (memo and announcement once approved)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.agencies.access import Action, require
from prongsai.agencies.services import ensure_default_units
from prongsai.cycle import round_end
from prongsai.plans import queries, services
from prongsai.plans.services import EditConflict, PlanError
from prongsai.surveys import queries as survey_queries
from prongsai.web.conflicts import conflict_of
from prongsai.web.forms.fields import error_text
from prongsai.web.forms.workbench import MeasureForm, RoundForm
from prongsai.web.views import found
from prongsai.web.views.progress import PAGE_SIZE


@login_required
def plan_page(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    access = require(request, agency_id)
    plan = queries.plan_of(access.agency, year)
    page = Paginator(queries.plan_measures(plan), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plan/page.html",
        {
            "agency": access.agency,
            "year": year,
            "plan": plan,
            "measures": page,
            "page": page,
            "sources": survey_queries.measure_sources([m.pk for m in page]),
            "rounds": plan.rounds.all() if plan else [],
            "returned": queries.pending_return(plan),
            "round_form": RoundForm(initial={"as_of": round_end(year, 6)}),
            "can": {action.value: access.can(action) for action in Action},
        },
    )


@require_POST
@login_required
def suggest(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    plan = services.plan_for(agency=agency, fiscal_year=year)
    try:
        added = services.suggest_measures(plan=plan)
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(count)s measures were suggested; edit them to fit.") % {"count": added}
        )
    return redirect("plan", agency_id=agency.pk, year=year)


@login_required
def measure_edit(
    request: HttpRequest, agency_id: int, year: int, number: int | None = None
) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    if request.method == "POST":
        ensure_default_units(agency=agency)
        plan = services.plan_for(agency=agency, fiscal_year=year)
    else:  # showing the form writes nothing
        plan = queries.plan_or_draft(agency, year)
    measure = found(queries.measure_of(agency, year, number)) if number else None
    form = MeasureForm(plan, request.POST or None, instance=measure)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_measure(
                plan=plan,
                values=form.values(),
                units=list(form.cleaned_data["units"]),
                measure=measure,
                version=form.read_version(),
            )
        except EditConflict as exc:
            conflict = conflict_of(form, exc)
        except PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Measure %(number)s was saved.") % {"number": saved.number})
            return redirect("plan", agency_id=agency.pk, year=year)
    return render(
        request,
        "plan/measure.html",
        {"agency": agency, "plan": plan, "form": form, "measure": measure, "conflict": conflict},
    )


@require_POST
@login_required
def measure_delete(request: HttpRequest, agency_id: int, year: int, number: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    measure = found(queries.measure_of(agency, year, number))
    try:
        outcome = services.delete_measure(measure=measure)
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, str(DELETED[outcome]) % {"number": number})
    return redirect("plan", agency_id=agency.pk, year=year)


DELETED = {
    "archived": gettext_lazy(
        "Measure %(number)s was taken out of the plan. It stays, with its number, in past "
        "rounds and in what was published."
    ),
    "deleted": gettext_lazy("Measure %(number)s was deleted."),
    "renumbered": gettext_lazy("Measure %(number)s was deleted; the others were renumbered."),
}


# What each step needs, what it does, and what the user is told once it is done.
STEPS = {
    "submit": (
        Action.PLAN,
        lambda plan, user: services.submit(plan=plan, user=user),
        gettext_lazy("The plan was submitted for approval."),
    ),
    "approve": (
        Action.APPROVE,
        lambda plan, user: services.approve(plan=plan, user=user),
        gettext_lazy("The plan was approved."),
    ),
    "reopen": (
        Action.PLAN,
        lambda plan, user: services.reopen(plan=plan),
        gettext_lazy("The plan is a draft again."),
    ),
    "publish": (
        Action.PUBLISH,
        lambda plan, user: services.publish_plan(plan=plan, published=True),
        gettext_lazy("The measures are on the public page."),
    ),
    "unpublish": (
        Action.PUBLISH,
        lambda plan, user: services.publish_plan(plan=plan, published=False),
        gettext_lazy("The measures were taken off the public page."),
    ),
}


@require_POST
@login_required
def plan_step(request: HttpRequest, agency_id: int, year: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    action, run, done = STEPS[step]
    agency = require(request, agency_id, action).agency
    plan = found(queries.plan_of(agency, year))
    try:
        run(plan, request.user)
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, str(done))
    return redirect("plan", agency_id=agency.pk, year=year)


@require_POST
@login_required
def plan_return(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    """The executive sends the submitted plan back for revision with a comment."""
    agency = require(request, agency_id, Action.APPROVE).agency
    plan = found(queries.plan_of(agency, year))
    try:
        services.return_plan(plan=plan, user=request.user, comment=request.POST.get("comment", ""))
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The plan was sent back to the coordinator for revision."))
    return redirect("plan", agency_id=agency.pk, year=year)


@require_POST
@login_required
def round_open(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PLAN).agency
    plan = found(queries.plan_of(agency, year))
    form = RoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("plan", agency_id=agency.pk, year=year)
    try:
        progress_round = services.open_round(
            plan=plan, months=form.cleaned_data["months"], as_of=form.cleaned_data["as_of"]
        )
    except PlanError as exc:
        messages.error(request, str(exc))
        return redirect("plan", agency_id=agency.pk, year=year)
    messages.success(
        request,
        _("The %(months)s-month round was opened.") % {"months": progress_round.months},
    )
    return redirect("round", agency_id=agency.pk, year=year, months=progress_round.months)
