"""Pulse surveys in the workbench: list and create, the results page (every member),
settings, open/close/reopen, QR code, poster, one-time codes and export (administrators
and coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.agencies.access import Action, found, require
from prongsai.documents.pdf import PdfUnavailable
from prongsai.surveys import materials, queries, services
from prongsai.surveys.services import PlanError, SurveyStateError
from prongsai.web.downloads import PDF, XLSX, download
from prongsai.web.forms.surveys import CodesForm, SurveyForm, SurveySettingsForm

MANAGE = Action.RESULTS  # agency administrators and ITA coordinators


def _public_url(request: HttpRequest, survey: object) -> str:
    return request.build_absolute_uri(reverse("survey_start", args=[survey.token]))  # type: ignore[attr-defined]


@login_required
def survey_list(request: HttpRequest, agency_id: int) -> HttpResponse:
    access = require(request, agency_id)
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        access = require(request, agency_id, MANAGE)
        if form.is_valid():
            try:
                survey = services.create_survey(agency=access.agency, **form.cleaned_data)
            except SurveyStateError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "สร้างแบบสำรวจแล้ว ตรวจการตั้งค่าแล้วกด “เปิดรับคำตอบ”")
                return redirect("survey", agency_id=agency_id, survey_id=survey.pk)
    return render(
        request,
        "surveys/list.html",
        {
            "agency": access.agency,
            "surveys": queries.surveys_of(access.agency),
            "form": form,
            "can_manage": access.can(MANAGE),
        },
    )


@login_required
def survey_page(request: HttpRequest, agency_id: int, survey_id: int) -> HttpResponse:
    access = require(request, agency_id)
    survey = found(queries.survey_of(access.agency, survey_id))
    results = queries.results_of(survey)
    return render(
        request,
        "surveys/results.html",
        {
            "agency": access.agency,
            "survey": survey,
            "results": results,
            "target": queries.target_of(survey, results.scores.answers),
            "url": _public_url(request, survey),
            "open": services.is_open(survey),
            "can_manage": access.can(MANAGE),
            "settings_form": SurveySettingsForm(
                initial={
                    "population": survey.population,
                    "closes_on": survey.closes_on,
                    "min_answers": survey.min_answers,
                }
            ),
            "codes_form": CodesForm(),
            "unused_codes": queries.unused_code_count(survey),
            "suggested": queries.suggested_from(survey),
            "can_plan": access.can(Action.PLAN),
        },
    )


@require_POST
@login_required
def survey_suggest(request: HttpRequest, agency_id: int, survey_id: int) -> HttpResponse:
    """The weakest questions → draft measures in the plan of the survey's year."""
    agency = require(request, agency_id, Action.PLAN).agency
    survey = found(queries.survey_of(agency, survey_id))
    try:
        added = services.suggest_measures(survey=survey)
    except (SurveyStateError, PlanError) as exc:
        messages.error(request, str(exc))
    else:
        text = _("%(count)s measures were suggested in the plan; edit them to fit.") % {
            "count": len(added)
        }
        messages.success(request, text if added else _("The plan already has these measures."))
    return redirect("survey", agency_id=agency_id, survey_id=survey_id)


@require_POST
@login_required
def survey_settings(request: HttpRequest, agency_id: int, survey_id: int) -> HttpResponse:
    agency = require(request, agency_id, MANAGE).agency
    survey = found(queries.survey_of(agency, survey_id))
    form = SurveySettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_survey(survey=survey, **form.cleaned_data)
        except SurveyStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "บันทึกการตั้งค่าแล้ว")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("survey", agency_id=agency_id, survey_id=survey_id)


@require_POST
@login_required
def survey_status(request: HttpRequest, agency_id: int, survey_id: int, step: str) -> HttpResponse:
    agency = require(request, agency_id, MANAGE).agency
    survey = found(queries.survey_of(agency, survey_id))
    try:
        services.change_status(survey=survey, step=step)
    except SurveyStateError as exc:
        messages.error(request, str(exc))
    return redirect("survey", agency_id=agency_id, survey_id=survey_id)


@login_required
def survey_qr(request: HttpRequest, agency_id: int, survey_id: int, fmt: str) -> HttpResponse:
    agency = require(request, agency_id, MANAGE).agency
    survey = found(queries.survey_of(agency, survey_id))
    url = _public_url(request, survey)
    if fmt == "svg":
        return HttpResponse(materials.qr_svg(url), content_type="image/svg+xml")
    if fmt == "png":
        return download(
            materials.qr_png(url), f"qr-{survey.tool}-{survey.fiscal_year}.png", "image/png"
        )
    raise Http404


def _pdf(make: object, name: str) -> HttpResponse:
    try:
        data = make()  # type: ignore[operator]
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return download(data, name, PDF)


@login_required
def survey_poster(request: HttpRequest, agency_id: int, survey_id: int) -> HttpResponse:
    agency = require(request, agency_id, MANAGE).agency
    survey = found(queries.survey_of(agency, survey_id))
    url = _public_url(request, survey)
    return _pdf(
        lambda: materials.poster_pdf(survey, url), f"poster-{survey.tool}-{survey.fiscal_year}.pdf"
    )


@login_required
def survey_codes(request: HttpRequest, agency_id: int, survey_id: int) -> HttpResponse:
    agency = require(request, agency_id, MANAGE).agency
    survey = found(queries.survey_of(agency, survey_id))
    if request.method == "POST":
        form = CodesForm(request.POST)
        if form.is_valid():
            try:
                added = services.make_codes(survey=survey, count=form.cleaned_data["count"])
            except SurveyStateError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"สร้างรหัสใช้ครั้งเดียวแล้ว {added} รหัส")
        return redirect("survey", agency_id=agency_id, survey_id=survey_id)
    url = _public_url(request, survey)
    return _pdf(
        lambda: materials.codes_pdf(survey, url), f"codes-{survey.tool}-{survey.fiscal_year}.pdf"
    )


@login_required
def survey_export(request: HttpRequest, agency_id: int, survey_id: int, fmt: str) -> HttpResponse:
    agency = require(request, agency_id, MANAGE).agency
    survey = found(queries.survey_of(agency, survey_id))
    name = f"answers-{survey.tool}-{survey.fiscal_year}-{survey.round}"
    if fmt not in ("xlsx", "csv"):
        raise Http404
    try:
        if fmt == "xlsx":
            return download(materials.answers_xlsx(survey), f"{name}.xlsx", XLSX)
        return download(materials.answers_csv(survey), f"{name}.csv", "text/csv; charset=utf-8")
    except queries.TooFewAnswers:
        messages.error(request, f"ส่งออกได้เมื่อมีอย่างน้อย {survey.min_answers} คำตอบ")
        return redirect("survey", agency_id=agency_id, survey_id=survey_id)
