"""An agency's own pages: its overview, its details (units, signers), its members and
its audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies import queries, services
from prongsai.agencies.access import Action, require
from prongsai.web.forms.workbench import AgencyForm, MemberForm, PersonFormSet, UnitFormSet


@login_required
def agency_home(request: HttpRequest, agency_id: int) -> HttpResponse:
    access = require(request, agency_id)
    agency = access.agency
    plans = agency.plans.prefetch_related("rounds").order_by("-fiscal_year")
    return render(
        request,
        "agency/home.html",
        {
            "agency": agency,
            "role_label": access.role_label,
            "assessments": agency.assessments.order_by("-fiscal_year"),
            "plans": plans,
            "can": {action.value: access.can(action) for action in Action},
        },
    )


@login_required
def agency_settings(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    data = request.POST if request.method == "POST" else None
    form = AgencyForm(data, instance=agency)
    # a GET writes nothing: the usual units are offered as rows, stored when sent
    offered = [] if data else queries.proposed_units(agency)
    initial = [{"name": name, "order": n} for n, name in enumerate(offered, start=1)]
    units = UnitFormSet(data, instance=agency, prefix="units", initial=initial)
    people = PersonFormSet(data, instance=agency, prefix="people")
    if data is not None and form.is_valid() and units.is_valid() and people.is_valid():
        with transaction.atomic():
            form.save()
            units.save()
            people.save()
        messages.success(request, _("The agency's details were saved."))
        return redirect("agency_settings", agency_id=agency.pk)
    return render(
        request,
        "agency/settings.html",
        {"agency": agency, "form": form, "units": units, "people": people},
    )


@login_required
def members(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    form = MemberForm(agency, request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership, password = services.add_member(agency=agency, **form.cleaned_data)
        messages.success(request, _added(membership, password))
        return redirect("members", agency_id=agency.pk)
    context = {"agency": agency, "form": form, "members": queries.members(agency)}
    return render(request, "agency/members.html", context)


def _added(membership: Any, password: str | None) -> str:
    text = _("%(user)s is now %(role)s.") % {
        "user": membership.user.username,
        "role": membership.get_role_display(),
    }
    if password:
        text += " " + _("New user: give them this password once: %(password)s") % {
            "password": password
        }
    return text


@require_POST
@login_required
def remove_member(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    if services.remove_member(agency=agency, membership_id=membership_id, by=request.user):
        messages.success(request, _("The member was removed from the agency."))
    else:
        messages.error(request, _("You cannot remove yourself."))
    return redirect("members", agency_id=agency.pk)


@login_required
def audit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    page = Paginator(queries.audit_entries(agency), 50).get_page(request.GET.get("page"))
    return render(request, "agency/audit.html", {"agency": agency, "page": page})
