"""One ITA year of an agency: the engine's analysis at a threshold the user may change,
the indicator chart, the warnings, and the trend over the years the agency has."""

from __future__ import annotations

import base64

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from prongsai.agencies.access import Action, require
from prongsai.agencies.models import Assessment
from prongsai.documents.chart import indicator_chart
from prongsai.documents.content import Options, build_content
from prongsai.engine import DEFAULT_THRESHOLD
from prongsai.engine.numbers import parse_score
from prongsai.plans.documents import year_analysis
from prongsai.plans.services import set_published


@login_required
def results_year(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    access = require(request, agency_id)
    assessment = get_object_or_404(Assessment, agency=access.agency, fiscal_year=year)
    threshold = parse_score(request.GET.get("threshold") or "")
    if threshold is None:
        threshold = DEFAULT_THRESHOLD
    analysis = year_analysis(assessment, threshold)
    content = build_content(
        "analysis", analysis=analysis, agency=None, options=Options(thai_digits=False)
    )["analysis"]
    chart = base64.b64encode(indicator_chart(content, thai_digits=False)).decode("ascii")
    trend = access.agency.assessments.order_by("fiscal_year").only("fiscal_year", "analysis")
    return render(
        request,
        "agency/results.html",
        {
            "agency": access.agency,
            "assessment": assessment,
            "analysis": analysis,
            "content": content,
            "chart": chart,
            "threshold": threshold,
            "trend": trend,
            "can_edit": access.can(Action.RESULTS),
            "can_publish": access.can(Action.PUBLISH),
        },
    )


@require_POST
@login_required
def results_publish(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = require(request, agency_id, Action.PUBLISH).agency
    assessment = get_object_or_404(Assessment, agency=agency, fiscal_year=year)
    set_published(item=assessment, published=request.POST.get("publish") == "1")
    return redirect("results_year", agency_id=agency.pk, year=year)
