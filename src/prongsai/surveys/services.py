"""Every write of pulse surveys: create, set the population, open/close/reopen, print
one-time codes, store an answer, and turn the weakest questions into draft measures.
Keyword-only functions; views call these.

An answer is stored as the survey, today's date and the choices, nothing else: the
caller's address, browser, account and the time of day never reach this module."""

from __future__ import annotations

import secrets
import uuid
from contextlib import nullcontext
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.engine import nacc_key
from prongsai.engine.checks import code_order
from prongsai.engine.survey import (
    SurveyError,
    check_response,
    survey_questions,
    weak_questions,
)
from prongsai.plans import services as plan_services
from prongsai.plans.services import PlanError
from prongsai.surveys.editions import edition
from prongsai.surveys.models import AccessCode, Response, SuggestedMeasure, Survey
from prongsai.surveys.queries import THRESHOLD, results_of

__all__ = ["PlanError", "SurveyError", "SurveyStateError"]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper
CODE_LENGTH = 8
MAX_CODES = 1000


class SurveyStateError(ValueError):
    """A step the survey's state does not allow; the message is Thai for the user."""


def create_survey(
    *,
    agency: Agency,
    tool: str,
    fiscal_year: int,
    population: int | None = None,
    closes_on: date | None = None,
) -> Survey:
    """A new draft survey of the tool with the questions of the fiscal year's edition."""
    key = nacc_key(fiscal_year)
    framework = edition(key)
    if framework is None:
        raise SurveyStateError(f"ยังไม่มีเกณฑ์การประเมินปี {fiscal_year}")
    if not survey_questions(framework, tool):
        raise SurveyStateError(f"เกณฑ์ปี {fiscal_year} ยังไม่มีข้อคำถามของแบบวัด {tool}")
    with transaction.atomic():
        last = Survey.objects.filter(agency=agency, tool=tool, fiscal_year=fiscal_year).aggregate(
            n=Max("round")
        )["n"]
        return Survey.objects.create(
            agency=agency,
            tool=tool,
            fiscal_year=fiscal_year,
            round=(last or 0) + 1,
            framework=key,
            token=secrets.token_urlsafe(24),
            population=population,
            closes_on=closes_on,
        )


def update_survey(
    *,
    survey: Survey,
    population: int | None,
    closes_on: date | None,
    min_answers: int,
    anonymous: bool = True,
) -> None:
    if min_answers < 5:
        raise SurveyStateError("แสดงผลได้ตั้งแต่ 5 คำตอบขึ้นไปเท่านั้น")
    if not anonymous and survey.anonymous and survey.responses.exists():
        raise SurveyStateError("แบบสำรวจที่มีคำตอบแล้ว ยกเลิกการไม่ระบุตัวตนไม่ได้")
    survey.population = population
    survey.closes_on = closes_on
    survey.min_answers = min_answers
    survey.anonymous = anonymous
    survey.save()


STEPS = {
    "open": ({Survey.Status.DRAFT}, Survey.Status.OPEN),
    "close": ({Survey.Status.OPEN, Survey.Status.DRAFT}, Survey.Status.CLOSED),
    "reopen": ({Survey.Status.CLOSED}, Survey.Status.OPEN),
}


def change_status(*, survey: Survey, step: str) -> None:
    """Open, close (at once, whatever is under way) or reopen the survey."""
    if step not in STEPS:
        raise SurveyStateError("ไม่รู้จักขั้นตอนนี้")
    before, after = STEPS[step]
    if survey.status not in before:
        raise SurveyStateError("สถานะของแบบสำรวจไม่อนุญาตให้ทำขั้นตอนนี้")
    with transaction.atomic():
        survey.status = after
        survey.save(update_fields=["status", "updated"])
        if after == Survey.Status.CLOSED:
            shuffle_answers(survey=survey)


def shuffle_answers(*, survey: Survey) -> int:
    """Rewrite the survey's answers in a random order, in one transaction, with new keys.

    The tables keep no order, but a database does underneath: SQLite's rowid and
    PostgreSQL's physical order and inserting transaction (xmin) follow arrival. After
    this every answer has the same inserting transaction and a random place, so not even
    the database tells which came first. Done whenever a survey is closed."""
    rows = list(survey.responses.values_list("day", "answers"))
    secrets.SystemRandom().shuffle(rows)
    with transaction.atomic():
        survey.responses.all().delete()
        Response.objects.bulk_create(
            Response(survey=survey, day=day, answers=answers) for day, answers in rows
        )
    return len(rows)


def make_codes(*, survey: Survey, count: int) -> int:
    """Add `count` one-time codes and require one to answer. Returns how many were added."""
    if not 1 <= count <= MAX_CODES or survey.codes.count() + count > MAX_CODES:
        raise SurveyStateError(f"สร้างรหัสได้ครั้งละ 1–{MAX_CODES} รหัส")
    existing = set(survey.codes.values_list("code", flat=True))
    new: set[str] = set()
    while len(new) < count:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in existing:
            new.add(code)
    with transaction.atomic():
        AccessCode.objects.bulk_create(AccessCode(survey=survey, code=c) for c in sorted(new))
        if not survey.uses_codes:
            survey.uses_codes = True
            survey.save(update_fields=["uses_codes", "updated"])
    return count


def normal_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())[:CODE_LENGTH]


def code_is_usable(*, survey: Survey, code: str) -> bool:
    return survey.codes.filter(code=normal_code(code), used=False).exists()


def is_open(survey: Survey, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.status == Survey.Status.OPEN and (
        survey.closes_on is None or today <= survey.closes_on
    )


def submit_answers(*, survey: Survey, answers: dict[str, Any], code: str | None = None) -> None:
    """Store one complete answer. Raises SurveyError (incomplete) or SurveyStateError
    (closed, code missing or used). The stored row cannot be traced back: see models."""
    if not is_open(survey):
        raise SurveyStateError("แบบสำรวจนี้ปิดรับคำตอบแล้ว")
    framework = edition(survey.framework)
    if framework is None:
        raise SurveyStateError("ไม่พบเกณฑ์การประเมินของแบบสำรวจนี้")
    clean = check_response(framework, survey.tool, answers)
    # One statement needs no transaction of its own (two round trips fewer per answer);
    # a code is spent in the same transaction as the answer it allows.
    with transaction.atomic() if survey.uses_codes else nullcontext():
        if survey.uses_codes:
            used = AccessCode.objects.filter(
                survey=survey, code=normal_code(code or ""), used=False
            ).update(used=True)
            if used != 1:
                raise SurveyStateError("รหัสนี้ใช้ไม่ได้หรือถูกใช้ไปแล้ว")
        if not _insert_as_seen(survey=survey, answers=clean):
            now = Survey.objects.filter(pk=survey.pk).first()  # None: deleted meanwhile
            if now is not None and is_open(now):  # codes were required since the copy
                raise SurveyStateError("แบบสำรวจนี้ต้องใช้รหัสตอบแบบสำรวจ กรุณาเริ่มใหม่จากลิงก์")
            raise SurveyStateError("แบบสำรวจนี้ปิดรับคำตอบแล้ว")


def _insert_as_seen(*, survey: Survey, answers: dict[str, list[int]]) -> bool:
    """Insert the answer in one statement that also checks, in the database, that the
    survey is open and asks for codes only if the caller's copy did: that copy may be a
    few seconds old (queries.survey_by_token), and closing must stop answers at once, as
    must codes once printed. On PostgreSQL the survey row is locked for share, so an answer
    waits for a closing in progress (which shuffles the answers) and is then refused,
    never stored beside the shuffled ones."""
    today = timezone.localdate()
    field = Response._meta.get_field
    params = [
        field("id").get_db_prep_value(uuid.uuid4(), connection),
        survey.pk,
        field("day").get_db_prep_value(today, connection),
        field("answers").get_db_prep_save(answers, connection),
        survey.pk,
        Survey.Status.OPEN,
        survey.uses_codes,
        field("day").get_db_prep_value(today, connection),
    ]
    lock = " FOR SHARE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Response._meta.db_table} (id, survey_id, day, answers)"
            " SELECT %s, %s, %s, %s WHERE EXISTS ("
            f"SELECT 1 FROM {Survey._meta.db_table} WHERE id = %s AND status = %s"
            f" AND uses_codes = %s AND (closes_on IS NULL OR closes_on >= %s){lock})",
            params,
        )
        return cursor.rowcount == 1


def suggest_measures(*, survey: Survey) -> list[SuggestedMeasure]:
    """Turn the survey's weakest questions (those below the threshold) into draft measures
    of the measures plan of the survey's year, through the plan's own library matching
    per indicator; each added measure records this survey and its questions as source.

    Raises SurveyStateError while results are withheld or no question is weak, and the
    plan's PlanError when the plan is not a draft. Returns the measures added (none when
    the library's measures for those indicators are already in the plan)."""
    results = results_of(survey)
    if results.scores.withheld:
        raise SurveyStateError(f"ยังเสนอมาตรการไม่ได้: ต้องมีอย่างน้อย {survey.min_answers} คำตอบก่อน")
    questions = weak_questions(results.weakest, THRESHOLD)
    if not questions:
        raise SurveyStateError(f"ไม่มีข้อคำถามที่คะแนนต่ำกว่า {THRESHOLD} จึงไม่มีมาตรการที่ต้องเสนอ")
    with transaction.atomic():
        plan = plan_services.plan_for(agency=survey.agency, fiscal_year=survey.fiscal_year)
        added = plan_services.suggest_measures_for_indicators(
            plan=plan, indicators=sorted(questions)
        )
        return [
            SuggestedMeasure.objects.create(
                survey=survey,
                measure=measure,
                questions=sorted(
                    (code for n in measure.indicators for code in questions.get(n, [])),
                    key=code_order,
                ),
            )
            for measure in added
        ]
