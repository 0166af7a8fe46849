"""One ITA year of an agency: the engine's analysis at a threshold the user may change,
the indicator chart, the warnings, and the trend over the years the agency has."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies import queries, services
from prongsai.agencies.access import Action, require
from prongsai.oversight.queries import peer_benchmark
from prongsai.web.forms.results import ThresholdForm
from prongsai.web.views import found


@login_required
def results_year(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    access = require(request, agency_id)
    assessment = found(queries.assessment_of(access.agency, year))
    form = ThresholdForm(request.GET)
    threshold = form.cleaned_data["threshold"] if form.is_valid() else None
    view = queries.year_view(assessment, threshold)
    return render(
        request,
        "agency/results.html",
        {
            "agency": access.agency,
            "assessment": assessment,
            "analysis": view.analysis,
            "content": view.content,
            "chart": view.chart,
            "threshold": view.threshold,
            "threshold_form": form,
            "trend": queries.trend(access.agency),
            "can_edit": access.can(Action.RESULTS),
            "can_publish": access.can(Action.PUBLISH),
            "peers": peer_benchmark(access.agency, year),
        },
    )


@require_POST
@login_required
def results_publish(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PUBLISH).agency
    assessment = found(queries.assessment_of(agency, year))
    published = request.POST.get("publish") == "1"
    services.publish_assessment(assessment=assessment, published=published)
    if published:
        messages.success(
            request, _("The ITA %(year)s analysis is on the public page.") % {"year": year}
        )
    else:
        messages.success(
            request, _("The ITA %(year)s analysis was taken off the public page.") % {"year": year}
        )
    return redirect("results_year", agency_id=agency.pk, year=year)
