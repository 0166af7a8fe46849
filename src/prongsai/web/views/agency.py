"""An agency's own pages: its overview, its details (units, signers), its members and
its audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies import queries, services
from prongsai.agencies.access import Action, require
from prongsai.web.forms.workbench import (
    AgencyForm,
    InviteForm,
    NewAccountForm,
    PersonFormSet,
    UnitFormSet,
)


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
    """Members and invitations; a POST names its form: "invite" or "create" (an account)."""
    agency = require(request, agency_id, Action.ADMIN).agency
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "invite": InviteForm(agency, request.POST if action == "invite" else None, prefix="invite"),
        "create": NewAccountForm(
            agency, request.POST if action == "create" else None, prefix="create"
        ),
    }
    form = forms.get(action or "")
    if form is not None and form.is_valid():
        try:
            messages.success(
                request, MEMBER_STEPS[str(action)](agency, form.cleaned_data, request.user)
            )
        except services.MemberError as exc:
            form.add_error("username", str(exc))
        else:
            return redirect("members", agency_id=agency.pk)
    context = {
        "agency": agency,
        "members": queries.members(agency),
        "invitations": queries.invitations(agency),
        "invitation_days": services.INVITATION_DAYS,
        **forms,
    }
    return render(request, "agency/members.html", context)


def _invite(agency: Any, data: dict[str, Any], user: Any) -> str:
    """The same words whether or not the username has an account (that stays private);
    a current member, whom the page lists already, has their role changed at once."""
    membership, invitation = services.invite_member(agency=agency, by=user, **data)
    if membership is not None:
        return _("%(user)s is now %(role)s.") % {
            "user": membership.user.username,
            "role": membership.get_role_display(),
        }
    return _(
        "An invitation for %(user)s to join as %(role)s was recorded, valid until %(date)s."
        " If %(user)s has an account, they will see it after they log in and can accept"
        " or decline it."
    ) % {
        "user": invitation.username,
        "role": invitation.get_role_display(),
        "date": date_format(timezone.localtime(invitation.expires), "j F Y"),
    }


def _create(agency: Any, data: dict[str, Any], user: Any) -> str:
    membership, password = services.create_member(agency=agency, **data)
    return (
        _("%(user)s is now %(role)s.")
        % {"user": membership.user.username, "role": membership.get_role_display()}
        + " "
        + _("New user: give them this password once: %(password)s") % {"password": password}
    )


MEMBER_STEPS = {"invite": _invite, "create": _create}


@require_POST
@login_required
def remove_member(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    if services.remove_member(agency=agency, membership_id=membership_id, by=request.user):
        messages.success(request, _("The member was removed from the agency."))
    else:
        messages.error(request, _("You cannot remove yourself."))
    return redirect("members", agency_id=agency.pk)


@require_POST
@login_required
def withdraw_invitation(request: HttpRequest, agency_id: int, invitation_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    if not services.withdraw_invitation(agency=agency, invitation_id=invitation_id):
        raise Http404
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("members", agency_id=agency.pk)


@require_POST
@login_required
def answer_invitation(request: HttpRequest, invitation_id: int, answer: str) -> HttpResponse:
    """The invited user joins the agency, or says no; only their own pending invitation."""
    if answer not in ("accept", "decline"):
        raise Http404
    try:
        membership = services.answer_invitation(
            invitation_id=invitation_id, user=request.user, accept=answer == "accept"
        )
    except services.MemberError as exc:
        messages.error(request, str(exc))
        return redirect("home")
    if membership is None:
        messages.success(request, _("You declined the invitation."))
        return redirect("home")
    messages.success(
        request,
        _("You joined %(agency)s as %(role)s.")
        % {"agency": membership.agency.name, "role": membership.get_role_display()},
    )
    return redirect("agency", agency_id=membership.agency_id)


@login_required
def audit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = require(request, agency_id, Action.ADMIN).agency
    page = Paginator(queries.audit_entries(agency), 50).get_page(request.GET.get("page"))
    return render(request, "agency/audit.html", {"agency": agency, "page": page})
