"""The public answer pages of a pulse survey (no login): phone-first, one indicator per
page; page 1 holds them all for survey.js, and without JavaScript each page is posted in
turn. Answers in progress live only in the browser (a signed cookie of its session, or
sessionStorage); nothing is stored until the last step, and the stored answer carries
nothing about the respondent. Submissions are counted per address (web/rate_limits.py),
for the rate limit only — the address never reaches the answer, nor the access log
(@unlogged)."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from prongsai.agencies.access import found
from prongsai.engine.survey import SurveyError
from prongsai.surveys import queries, services
from prongsai.surveys.services import SurveyStateError
from prongsai.web.access_log import unlogged
from prongsai.web.kept_pages import CSRF_MARK, kept_page
from prongsai.web.rate_limits import RateLimit, too_many

MAX_BODY = 16 * 1024
COOKIE_SALT = "prongsai.survey.progress"
# Submissions (and code guesses) per client address in an hour.
SUBMISSIONS = RateLimit("survey", "SURVEY_SUBMISSIONS_PER_ADDRESS", 300, 3600)


def _cookie(token: str) -> str:
    return "survey_" + hashlib.sha256(token.encode()).hexdigest()[:12]


def _progress(request: HttpRequest, token: str) -> dict[str, str]:
    raw = request.get_signed_cookie(_cookie(token), default="", salt=COOKIE_SALT)
    return dict(parse_qsl(raw or "", max_num_fields=200))


def _keep(response: HttpResponse, token: str, progress: dict[str, str]) -> HttpResponse:
    # no max_age: the cookie ends with the browser session (resumable within it)
    response.set_signed_cookie(
        _cookie(token),
        urlencode(progress),
        salt=COOKIE_SALT,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _survey(token: str) -> Any:
    return found(queries.survey_by_token(token))


def _too_big(request: HttpRequest) -> HttpResponse | None:
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = MAX_BODY + 1
    if size > MAX_BODY:
        return HttpResponse(
            "คำขอมีขนาดใหญ่เกินไป", status=413, content_type="text/plain; charset=utf-8"
        )
    return None


def _choices(data: Any, names: list[str], options: dict[str, int]) -> dict[str, str]:
    """The page's answers that are valid option numbers."""
    found_values = {}
    for name in names:
        value = data.get(name, "")
        if value.isdigit() and int(value) < options[name]:
            found_values[name] = value
    return found_values


def _context(survey: Any, **extra: Any) -> dict[str, Any]:
    return {"survey": survey, "agency": survey.agency, "open": services.is_open(survey), **extra}


@unlogged
@never_cache
def survey_start(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    progress = _progress(request, token)
    error = ""
    if request.method == "POST":
        if (big := _too_big(request)) is not None:
            return big
        if wait := SUBMISSIONS.wait(request):  # guessing codes counts like submitting
            return _too_many(wait)
        code = services.normal_code(request.POST.get("code", ""))
        if services.code_is_usable(survey=survey, code=code):
            progress["code"] = code
            return _keep(redirect("survey_page", token=token, number=1), token, progress)
        error = "รหัสนี้ใช้ไม่ได้หรือถูกใช้ไปแล้ว กรุณาตรวจสอบอีกครั้ง"
    pages = queries.pages(survey)
    return render(
        request,
        "public/survey_start.html",
        _context(
            survey,
            pages=pages,
            needs_code=survey.uses_codes and "code" not in progress,
            error=error,
            started=any(k != "code" for k in progress),
        ),
        status=400 if error else 200,
    )


@unlogged
@never_cache
def survey_page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    survey = _survey(token)
    pages = queries.pages(survey)
    if not 1 <= number <= len(pages):
        raise Http404
    if not services.is_open(survey):
        return redirect("survey_start", token=token)
    progress = _progress(request, token)
    if survey.uses_codes and "code" not in progress:
        return redirect("survey_start", token=token)
    page = pages[number - 1]
    options = {item.name: len(item.options) for q in page.questions for item in q.items}
    missing: list[str] = []
    if request.method == "POST":
        if (big := _too_big(request)) is not None:
            return big
        progress.update(_choices(request.POST, page.names, options))
        missing = [name for name in page.names if name not in progress]
        going_back = request.POST.get("go") == "back"
        if going_back or not missing:
            target = (
                redirect("survey_page", token=token, number=max(1, number - 1))
                if going_back
                else redirect("survey_page", token=token, number=number + 1)
                if number < len(pages)
                else redirect("survey_send", token=token)
            )
            return _keep(target, token, progress)
    # page 1 carries every page as a section (survey.js shows one at a time)
    sections = pages if number == 1 else [page]
    context = _context(
        survey,
        page=page,
        sections=sections,
        total=len(pages),
        chosen=progress,
        missing=set(missing),
        percent=(number - 1) * 100 // len(pages),
    )
    if not missing and not any(name in progress for s in sections for name in s.names):
        # nothing chosen on what it shows: the same page for every respondent
        context["chosen"] = {}
        return _shared(request, survey, f"page:{number}", "public/survey_page.html", context)
    response = render(request, "public/survey_page.html", context, status=400 if missing else 200)
    return _keep(response, token, progress) if missing else response


def _answers(pages: list[Any], values: dict[str, str]) -> dict[str, list[int]]:
    answers: dict[str, list[int]] = {}
    for page in pages:
        for q in page.questions:
            chosen = [values.get(item.name) for item in q.items]
            if all(c is not None and c.isdigit() for c in chosen):
                answers[q.code] = [int(c) for c in chosen if c is not None]
    return answers


def _too_many(wait: int) -> HttpResponse:
    return too_many("ส่งคำตอบจากที่อยู่นี้บ่อยเกินไป กรุณาลองใหม่ภายหลัง", wait)


@unlogged
@never_cache
def survey_send(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    pages = queries.pages(survey)
    progress = _progress(request, token)
    error = ""
    if request.method == "POST":
        if (big := _too_big(request)) is not None:
            return big
        if wait := SUBMISSIONS.wait(request):
            return _too_many(wait)
        names = [n for p in pages for n in p.names]
        options = {
            item.name: len(item.options) for p in pages for q in p.questions for item in q.items
        }
        progress.update(_choices(request.POST, names, options))
        code = request.POST.get("code") or progress.get("code")
        try:
            services.submit_answers(survey=survey, answers=_answers(pages, progress), code=code)
        except (SurveyError, SurveyStateError) as exc:
            error = str(exc)
        else:
            # survey.js sends with fetch and shows what comes back: the thanks page at once
            # spares it a redirect to follow (a browser's own POST is redirected, so that a
            # reload cannot send the answer twice)
            by_script = request.headers.get("X-Requested-With") == "survey.js"
            response = _thanks(request, survey) if by_script else redirect("survey_thanks", token)
            response.delete_cookie(_cookie(token))
            return response
    total = sum(len(p.names) for p in pages)
    answered = sum(1 for p in pages for n in p.names if n in progress)
    first_gap = next((p.number for p in pages if any(n not in progress for n in p.names)), None)
    return render(
        request,
        "public/survey_send.html",
        _context(
            survey, total=total, answered=answered, first_gap=first_gap, error=error, pages=pages
        ),
        status=400 if error else 200,
    )


@unlogged
def survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    return _thanks(request, _survey(token))


def _thanks(request: HttpRequest, survey: Any) -> HttpResponse:
    return _shared(request, survey, "thanks", "public/survey_thanks.html", _context(survey))


def _shared(
    request: HttpRequest, survey: Any, page: str, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A page the same for every respondent but for the CSRF token (web/kept_pages.py),
    kept as long as the survey itself is, under the survey's link and its last change:
    a saved survey is shown anew as soon as its kept copy is."""
    return kept_page(
        request,
        f"survey:{queries.cache_key(survey.token)}:{survey.updated.timestamp()}:{page}",
        lambda: render_to_string(template, context | {"csrf_token": CSRF_MARK}),
        queries.PUBLIC_SURVEY_SECONDS,
    )
