"""Pulse surveys end to end: create, open, answer page by page without JavaScript,
results through the engine, codes, export, and anonymity proved on every stored column."""

from __future__ import annotations

import csv
import gzip
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.services import save_assessment
from prongsai.surveys import queries, services
from prongsai.surveys.editions import edition
from prongsai.surveys.models import AccessCode, Response, Survey
from prongsai.web.kept_pages import CSRF_MARK
from tests.factories import AgencyFactory
from tests.helpers import SEED_000, example

pytestmark = pytest.mark.django_db
EDITION = edition("nacc-2566")


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def survey():
    agency = AgencyFactory(name="องค์การบริหารส่วนตำบลคอนนิม")
    save_assessment(agency=agency, document=example(SEED_000) | {"agency": agency.name})
    made = services.create_survey(agency=agency, tool="IIT", fiscal_year=2566, population=60)
    services.change_status(survey=made, step="open")
    return made


def best_page(page, **overrides):
    """The form values of a page: the best answer (reversed items: the first option)."""
    data = {}
    for q in page.questions:
        for item in q.items:
            question = EDITION.question_by_code[item.code]
            best = 0 if item.number in question.reversed_sub_items else len(item.options) - 1
            data[item.name] = str(overrides.get(item.name, best))
    return data


def answer_everything(client, survey, **overrides):
    pages = queries.pages(survey)
    for page in pages:
        response = client.post(
            reverse("survey_page", args=[survey.token, page.number]), best_page(page, **overrides)
        )
        assert response.status_code == 302, response.content.decode()[:500]
    return client.post(reverse("survey_send", args=[survey.token]))


def test_a_respondent_answers_page_by_page_and_resumes(client, survey):
    start = client.get(reverse("survey_start", args=[survey.token])).content.decode()
    assert "ไม่ใช่การประเมิน ITA ของสำนักงาน ป.ป.ช." in start
    assert "องค์การบริหารส่วนตำบลคอนนิม" in start
    pages = queries.pages(survey)
    assert [p.indicator for p in pages] == [1, 2, 3, 4, 5]
    page1 = client.get(reverse("survey_page", args=[survey.token, 1])).content.decode()
    assert "หน้า 1 จาก 5" in page1 and 'type="radio" name="i1.1"' in page1
    # half a page: refused with the missing items marked, the half kept
    half = {"i1.1": "3"}
    refused = client.post(reverse("survey_page", args=[survey.token, 1]), half)
    assert refused.status_code == 400 and "กรุณาตอบให้ครบ" in refused.content.decode()
    again = client.get(reverse("survey_page", args=[survey.token, 1])).content.decode()
    assert 'name="i1.1" value="3" checked' in again  # resumable within the session
    ok = client.post(reverse("survey_page", args=[survey.token, 1]), best_page(pages[0]))
    assert ok["Location"] == reverse("survey_page", args=[survey.token, 2])
    back = client.post(reverse("survey_page", args=[survey.token, 2]), {"go": "back"})
    assert back["Location"] == reverse("survey_page", args=[survey.token, 1])
    assert Response.objects.count() == 0  # nothing stored before the last step
    done = answer_everything(client, survey)
    assert done["Location"] == reverse("survey_thanks", args=[survey.token])
    assert Response.objects.count() == 1
    stored = Response.objects.get()
    assert stored.answers["i1"] == [3, 3] and stored.answers["i4"] == [0, 0, 0]
    assert stored.day == timezone.localdate()


def test_results_are_withheld_below_five_then_scored(client, survey):
    for _ in range(4):
        answer_everything(Client(), survey)
    results = queries.results_of(survey)
    assert results.scores.withheld and results.scores.answers == 4
    page = _manager(client, survey).get(reverse("survey", args=[survey.agency.pk, survey.pk]))
    assert "ต้องมีอย่างน้อย 5 คำตอบ" in page.content.decode()
    answer_everything(Client(), survey, **{"i13.1": 1})  # one says "น้อย" to fair assignment
    results = queries.results_of(survey)
    assert not results.scores.withheld
    # i13 = (4 × 100 + 33) / 5 = 86.6; indicator 3 = mean(i13…i18) = (86.6 + 5 × 100) / 6
    assert results.scores.questions["i13"] == Decimal("86.6")
    assert round(results.scores.indicators[3], 4) == Decimal("97.7667")
    assert results.weakest[0].code == "i13"
    # predicted ITA: IIT from the answers, EIT and OIT from ITA 2565 (seed 000)
    iit = results.scores.score
    assert round(iit, 4) == Decimal("99.5533")
    expected = (
        Decimal("0.3") * iit
        + Decimal("0.3") * ((Decimal("99.04") + Decimal("97.72") + Decimal("98.49")) / 3)
        + Decimal("0.4") * Decimal("82.905")
    )
    assert results.prediction.overall == expected
    assert results.prediction.grade == "A"
    page = _manager(client, survey).get(reverse("survey", args=[survey.agency.pk, survey.pk]))
    text = page.content.decode()
    assert "86.60" in text and "99.55" in text and "92.55 A" in text


def _manager(client, survey):
    from prongsai.agencies.models import Membership
    from tests.factories import UserFactory

    user = UserFactory(username="coordinator")
    Membership.objects.get_or_create(user=user, agency=survey.agency, role="coordinator")
    client.force_login(user)
    return client


def test_nothing_identifying_is_stored(survey):
    """Every column of every row written by a submission, inspected."""
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Mozilla/5.0 (iPhone) ตัวทดสอบ-UA")
    from tests.factories import UserFactory

    user = UserFactory(username="staff-who-answers")
    client.force_login(user)  # a signed-in member answering must not be recorded either
    services.make_codes(survey=survey, count=3)
    code = AccessCode.objects.filter(survey=survey).first().code
    client.post(reverse("survey_start", args=[survey.token]), {"code": code})
    tables_before = _row_counts()
    assert answer_everything(client, survey).status_code == 302
    changed = {t for t, n in _row_counts().items() if n != tables_before[t]}
    assert changed == {Response._meta.db_table}  # no session row, no audit entry, nothing else
    columns = [f.column for f in Response._meta.concrete_fields]
    assert sorted(columns) == ["answers", "day", "id", "survey_id"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Response._meta.db_table}")
        row = cursor.fetchone()
        names = [c[0] for c in cursor.description]
    stored = dict(zip(names, row, strict=True))
    text = " ".join(str(v) for v in stored.values())
    for secret in ("203.0.113", "Mozilla", "iPhone", "staff-who-answers", str(user.pk) + ":", code):
        assert secret not in text
    assert str(stored["day"])[:10] == timezone.localdate().isoformat()
    assert ":" not in str(stored["day"])  # a date, no time of day
    assert stored["id"] != 1 and len(str(stored["id"]).replace("-", "")) == 32  # random UUID
    # the code is marked used, and nothing ties it to the answer
    used = AccessCode.objects.get(code=code)
    assert used.used and {f.column for f in AccessCode._meta.concrete_fields} == {
        "id",
        "survey_id",
        "code",
        "used",
    }


def _row_counts():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def test_a_one_time_code_works_once(survey):
    services.make_codes(survey=survey, count=2)
    code = AccessCode.objects.filter(survey=survey).first().code
    first = Client()
    assert (
        first.post(reverse("survey_start", args=[survey.token]), {"code": code}).status_code == 302
    )
    second = Client()
    assert (
        second.post(reverse("survey_start", args=[survey.token]), {"code": code}).status_code == 302
    )
    assert answer_everything(first, survey).status_code == 302
    refused = answer_everything(second, survey)
    assert refused.status_code == 400 and "ถูกใช้ไปแล้ว" in refused.content.decode()
    assert Response.objects.count() == 1
    wrong = Client().post(reverse("survey_start", args=[survey.token]), {"code": "ZZZZ2222"})
    assert wrong.status_code == 400
    without = Client().get(reverse("survey_page", args=[survey.token, 1]))
    assert without["Location"] == reverse("survey_start", args=[survey.token])


def test_closed_at_once_and_reopened(client, survey):
    services.change_status(survey=survey, step="close")
    assert (
        "ปิดรับคำตอบแล้ว" in client.get(reverse("survey_start", args=[survey.token])).content.decode()
    )
    refused = client.post(reverse("survey_send", args=[survey.token]))
    assert refused.status_code == 400 and Response.objects.count() == 0
    services.change_status(survey=survey, step="reopen")
    assert answer_everything(client, survey).status_code == 302
    survey.closes_on = timezone.localdate() - timedelta(days=1)
    survey.save()
    assert answer_everything(Client(), survey).status_code == 400  # past the closing date


def test_an_answer_is_refused_once_closed_even_where_the_survey_is_still_kept_open(survey):
    """Answer pages keep the survey a few seconds (queries.survey_by_token); another
    process closing it is seen at once by the submission, which checks the database."""
    client = Client()
    for page in queries.pages(survey):
        client.post(reverse("survey_page", args=[survey.token, page.number]), best_page(page))
    assert queries.survey_by_token(survey.token).status == Survey.Status.OPEN  # kept now
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)  # no signal
    assert queries.survey_by_token(survey.token).status == Survey.Status.OPEN  # still kept
    refused = client.post(reverse("survey_send", args=[survey.token]))
    assert refused.status_code == 400 and "ปิดรับคำตอบแล้ว" in refused.content.decode()
    assert Response.objects.count() == 0


def test_codes_required_since_the_kept_copy_are_required_at_once(survey):
    client = Client()
    for page in queries.pages(survey):
        client.post(reverse("survey_page", args=[survey.token, page.number]), best_page(page))
    assert queries.survey_by_token(survey.token).uses_codes is False  # kept now
    Survey.objects.filter(pk=survey.pk).update(uses_codes=True)  # another process printed codes
    refused = client.post(reverse("survey_send", args=[survey.token]))
    assert refused.status_code == 400
    assert "ต้องใช้รหัสตอบแบบสำรวจ" in refused.content.decode()
    assert Response.objects.count() == 0


def test_back_on_page_1_stays_and_next_is_the_first_button(client, survey):
    url = reverse("survey_page", args=[survey.token, 1])
    page = client.get(url).content.decode()
    assert page.index('value="next"') < page.index('value="back"')  # Enter means "next"
    stayed = client.post(url, {"go": "back", "i1.1": "2"})
    assert stayed.status_code == 302 and stayed["Location"] == url


def test_a_kept_page_carries_each_visitors_own_csrf_token(survey):
    url = reverse("survey_page", args=[survey.token, 1])
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(url).content.decode()
        assert CSRF_MARK not in page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        tokens.append(token)
        answered = visitor.post(
            url, best_page(queries.pages(survey)[0]) | {"csrfmiddlewaretoken": token}
        )
        assert answered.status_code == 302
    assert tokens[0] != tokens[1]
    phone = Client(enforce_csrf_checks=True, headers={"accept-encoding": "gzip, deflate"})
    zipped = phone.get(url)
    assert zipped["Content-Encoding"] == "gzip"
    page = gzip.decompress(zipped.content).decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answered = phone.post(url, best_page(queries.pages(survey)[0]) | {"csrfmiddlewaretoken": token})
    assert answered.status_code == 302


def test_survey_pages_stay_out_of_the_access_log(client, survey):
    """Not the pages, not what middleware answers before a view (a refused CSRF token),
    not what the pages load (their Referer), and the pages send no Referer anyway."""
    from prongsai.cli.access_log import AccessLog

    token = survey.token
    pages = [
        reverse(name, args=args)
        for name, args in (
            ("survey_start", [token]),
            ("survey_page", [token, 1]),
            ("survey_send", [token]),
            ("survey_thanks", [token]),
        )
    ]
    for url in pages:
        assert client.get(url)["Referrer-Policy"] == "no-referrer"
    refused = Client(enforce_csrf_checks=True).post(pages[2])  # answered by the middleware
    assert refused.status_code == 403
    script = "/static/public/survey.js"
    environs = [client.get(url).wsgi_request.environ for url in pages] + [
        refused.wsgi_request.environ,
        {"PATH_INFO": script, "HTTP_REFERER": f"https://testserver{pages[1]}"},
        {"PATH_INFO": "/s/" + "x" * 32 + "/1"},  # before APPEND_SLASH redirects it
    ]
    logged = [
        client.get(reverse("login")).wsgi_request.environ,
        {"PATH_INFO": script, "HTTP_REFERER": "https://testserver/login/"},
    ]
    written = []
    log = AccessLog.__new__(AccessLog)  # gunicorn's logger, without its configuration
    with mock.patch.object(AccessLog.__bases__[0], "access", lambda *a: written.append(a[3])):
        for environ in environs + logged:
            log.access(None, None, environ, 0)
    assert written == logged


def test_survey_js_sends_everything_at_once_and_gets_the_thanks_page(survey):
    phone = Client(enforce_csrf_checks=True, headers={"accept-encoding": "gzip"})
    page = gzip.decompress(phone.get(reverse("survey_page", args=[survey.token, 1])).content)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.decode()).group(1)
    everything = {k: v for p in queries.pages(survey) for k, v in best_page(p).items()}
    url = reverse("survey_send", args=[survey.token])
    sent = phone.post(
        url, everything | {"csrfmiddlewaretoken": token}, headers={"x-requested-with": "survey.js"}
    )
    assert sent.status_code == 200 and sent["Content-Encoding"] == "gzip"
    assert "ขอบคุณที่ตอบแบบสำรวจ" in gzip.decompress(sent.content).decode()
    assert Response.objects.count() == 1
    # a browser's own POST is redirected, so that a reload cannot send the answer twice
    again = phone.post(url, everything | {"csrfmiddlewaretoken": token})
    assert again.status_code == 302 and again["Location"].endswith("/thanks/")
    services.change_status(survey=survey, step="close")
    refused = phone.post(
        url, everything | {"csrfmiddlewaretoken": token}, headers={"x-requested-with": "survey.js"}
    )
    assert refused.status_code == 400 and "ปิดรับคำตอบแล้ว" in refused.content.decode()
    assert Response.objects.count() == 2


def test_anonymity_cannot_be_switched_off_once_answered(client, survey):
    answer_everything(client, survey)
    with pytest.raises(services.SurveyStateError):
        services.update_survey(
            survey=survey, population=60, closes_on=None, min_answers=5, anonymous=False
        )
    with pytest.raises(services.SurveyStateError):
        services.update_survey(survey=survey, population=60, closes_on=None, min_answers=3)


def test_rate_limit_and_size_limit(client, survey, settings):
    settings.SURVEY_SUBMISSIONS_PER_ADDRESS = 2
    assert answer_everything(client, survey).status_code == 302
    assert answer_everything(client, survey).status_code == 302
    refused = answer_everything(client, survey)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert refused.content.decode() == "ส่งคำตอบจากที่อยู่นี้บ่อยเกินไป กรุณาลองใหม่ภายหลัง"
    assert Response.objects.count() == 2
    big = client.post(reverse("survey_page", args=[survey.token, 1]), {"x": "ก" * 20000})
    assert big.status_code == 413


def test_public_forms_need_the_csrf_token(survey):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("survey_send", args=[survey.token])).status_code == 403
    page = strict.get(reverse("survey_page", args=[survey.token, 1])).content.decode()
    assert "csrfmiddlewaretoken" in page


def test_an_unknown_token_is_a_404(client, survey):
    assert client.get(reverse("survey_start", args=["x" * 32])).status_code == 404


def test_sample_target_and_days_left(survey):
    survey.closes_on = date(2023, 8, 31)
    survey.save()
    target = queries.target_of(survey, 10, today=date(2023, 8, 21))
    assert (target.target, target.days_left, target.percent) == (25, 10, 40)
    assert target.rule.verified is False
    from prongsai.surveys.models import SampleRule

    SampleRule.objects.create(
        framework="nacc-2566", tool="IIT", percent=50, minimum=10, verified=True, source="ป.ป.ช."
    )
    assert queries.target_of(survey, 10).target == 30


def test_export_has_nothing_identifying(client, survey):
    for _ in range(4):
        answer_everything(Client(), survey)
    manager = _manager(client, survey)
    refused = manager.get(reverse("survey_export", args=[survey.agency.pk, survey.pk, "csv"]))
    assert refused.status_code == 302  # fewer than 5 answers: nothing row by row
    answer_everything(Client(), survey)
    response = manager.get(reverse("survey_export", args=[survey.agency.pk, survey.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["i1.1", "i1.2", "i2.1"] and len(rows) == 6 and len(rows[0]) == 51
    assert rows[1][0] == "มากที่สุด" and rows[1][6] == "ไม่มี"  # i4.1: no bribe asked
    assert timezone.localdate().isoformat() not in response.content.decode("utf-8-sig")
    xlsx = manager.get(reverse("survey_export", args=[survey.agency.pk, survey.pk, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 6 and sheet["A1"].value == "i1.1"
    assert Survey.objects.get().responses.count() == 5


def test_the_demo_has_an_iit_pulse_survey_of_konnim():
    from prongsai.agencies.models import Agency
    from prongsai.cli.demo_data import load_demo

    load_demo()
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลคอนนิม")
    demo = agency.surveys.get(tool="IIT", fiscal_year=2566)
    assert demo.status == "open" and demo.responses.count() == 12
    results = queries.results_of(demo)
    assert not results.scores.withheld and results.prediction.overall is not None
    assert results.last_year == 2565
    load_demo()  # again: not duplicated
    assert agency.surveys.count() == 1 and demo.responses.count() == 12


def test_closing_rewrites_the_answers_in_a_random_order(survey):
    for choice in (3, 2, 1, 0, 3, 2):
        answer_everything(Client(), survey, **{"i13.1": choice})
    with connection.cursor() as cursor:
        table = Response._meta.db_table
        hidden = "rowid" if connection.vendor == "sqlite" else "xmin::text"
        cursor.execute(f"SELECT {hidden}, id FROM {table}")
        before = cursor.fetchall()
    answers = sorted(a["i13"][0] for a in Response.objects.values_list("answers", flat=True))
    services.change_status(survey=survey, step="close")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {hidden}, id FROM {table}")
        after = cursor.fetchall()
    assert len(after) == 6
    assert not {str(i) for _, i in before} & {str(i) for _, i in after}  # new random keys
    if connection.vendor == "postgresql":
        assert len({x for x, _ in after}) == 1  # one inserting transaction for all
    assert (
        sorted(a["i13"][0] for a in Response.objects.values_list("answers", flat=True)) == answers
    )


def test_the_code_sheet_prints_only_unused_codes(client, survey):
    from pypdf import PdfReader

    services.make_codes(survey=survey, count=4)
    used, *unused = list(AccessCode.objects.filter(survey=survey).values_list("code", flat=True))
    AccessCode.objects.filter(code=used).update(used=True)
    sheet = _manager(client, survey).get(
        reverse("survey_codes", args=[survey.agency.pk, survey.pk])
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.content)).pages)
    assert all(code in text for code in unused) and used not in text


def test_the_survey_list_takes_the_same_queries_for_one_survey_or_ten(
    client, survey, django_assert_max_num_queries
):
    manager = _manager(client, survey)
    answer_everything(Client(), survey)
    url = reverse("surveys", args=[survey.agency.pk])
    with django_assert_max_num_queries(12) as one:
        page = manager.get(url).content.decode()
    assert 'class="num">1</td>' in page
    for year in range(2563, 2568):
        for tool in ("IIT", "EIT"):
            services.create_survey(agency=survey.agency, tool=tool, fiscal_year=year)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert manager.get(url).status_code == 200


def test_iit_and_eit_surveys_together_predict_the_ita(survey):
    eit = services.create_survey(agency=survey.agency, tool="EIT", fiscal_year=2566)
    services.change_status(survey=eit, step="open")
    assert [p.indicator for p in queries.pages(eit)] == [6, 7, 8]
    for _ in range(5):
        answer_everything(Client(), survey)
        answer_everything(Client(), eit, **{"e1.1": 2})  # "มาก" instead of "มากที่สุด"
    results = queries.results_of(eit)
    # e1.1 = 67 → e1 = (67 + 100) / 2 = 83.5; indicator 6 = (83.5 + 4 × 100) / 5 = 96.7
    assert results.scores.questions["e1"] == Decimal("83.5")
    assert results.scores.indicators[6] == Decimal("96.7")
    assert results.prediction.sources == {"IIT": "survey", "EIT": "survey", "OIT": "last_year"}
    eit_score = (Decimal("96.7") + 100 + 100) / 3
    expected = (
        Decimal("0.3") * 100 + Decimal("0.3") * eit_score + Decimal("0.4") * Decimal("82.905")
    )
    assert results.prediction.overall == expected


def _weak_answers(survey):
    """Five respondents: i13 "น้อย" (33), i20 "มาก" (67) from everyone; i7 "มาก" from
    three and "มากที่สุด" from two: (3 × 67 + 2 × 100) / 5 = 80.2. Everything else best."""
    for n in range(5):
        answer_everything(Client(), survey, **{"i13.1": 1, "i20.1": 2, "i7.1": 2 if n < 3 else 3})


def test_the_weakest_questions_become_draft_measures_with_their_source(client, survey):
    from prongsai.plans import services as plan_services
    from prongsai.plans.models import Measure, Plan
    from prongsai.surveys.models import SuggestedMeasure

    manager = _manager(client, survey)
    url = reverse("survey_suggest", args=[survey.agency.pk, survey.pk])
    refused = manager.post(url, follow=True).content.decode()
    assert "ยังเสนอมาตรการไม่ได้: ต้องมีอย่างน้อย 5 คำตอบก่อน" in refused
    assert not Measure.objects.exists()

    _weak_answers(survey)
    weakest = [(q.code, q.now) for q in queries.results_of(survey).weakest[:3]]
    assert weakest == [("i13", Decimal("33")), ("i20", Decimal("67")), ("i7", Decimal("80.2"))]
    page = manager.post(url, follow=True).content.decode()
    assert "เสนอมาตรการในแผนแล้ว 3 มาตรการ" in page
    plan = Plan.objects.get(agency=survey.agency, fiscal_year=2566)
    assert plan.status == "draft"
    measures = list(plan.measures.order_by("number"))
    assert [(m.number, m.title, m.indicators) for m in measures] == [
        (1, "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีและรายงานผลการใช้จ่าย", [2]),
        (2, "มอบหมายงานและประเมินผลการปฏิบัติงานอย่างเป็นธรรม ไม่เลือกปฏิบัติ", [3]),
        (3, "จัดทำแนวปฏิบัติการยืมและใช้ทรัพย์สินของราชการ", [4]),
    ]
    # the library's unit and steps, the whole fiscal year 2566 (Oct 2022 – Sep 2023)
    assert [u.name for u in measures[0].units.all()] == ["กองคลัง"]
    assert measures[0].step_lines == [
        "ประกาศแผนการใช้จ่ายงบประมาณให้บุคลากรและประชาชนทราบ",
        "รายงานผลการใช้จ่ายงบประมาณรอบ ๖ เดือน",
    ]
    assert (measures[0].start, measures[0].end) == (date(2022, 10, 1), date(2023, 9, 1))
    sources = {s.measure.number: s.questions for s in SuggestedMeasure.objects.all()}
    assert sources == {1: ["i7"], 2: ["i13"], 3: ["i20"]}
    # the results page lists them; the plan shows where each came from
    assert "1. เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีและรายงานผลการใช้จ่าย</a> — ข้อ i7" in page
    plan_page = manager.get(reverse("plan", args=[survey.agency.pk, 2566])).content.decode()
    assert "จากแบบสำรวจเบื้องต้น IIT ปี 2566 รอบที่ 1 (ข้อ i13)" in plan_page
    assert plan_page.count("จากแบบสำรวจเบื้องต้น IIT") == 3

    # asked again: nothing twice; the ITA result's own suggestions skip them too
    again = manager.post(url, follow=True).content.decode()
    assert "แผนมีมาตรการเหล่านี้อยู่แล้ว" in again
    plan_services.suggest_measures(plan=plan)
    titles = list(plan.measures.values_list("title", flat=True))
    assert len(titles) == len(set(titles)) and plan.measures.count() >= 3
    assert SuggestedMeasure.objects.count() == 3

    # a draft like any other: edited, it keeps its source; deleted, the source goes too
    plan_services.delete_measure(measure=measures[1])
    assert sorted(SuggestedMeasure.objects.values_list("questions", flat=True)) == [
        ["i20"],
        ["i7"],
    ]
    plan_services.submit(plan=plan, user=None)
    closed = manager.post(url, follow=True).content.decode()
    assert "แผนนี้ส่งขออนุมัติหรืออนุมัติแล้ว แก้ไขไม่ได้" in closed


def test_nothing_to_suggest_when_no_question_is_below_85(client, survey):
    for _ in range(5):
        answer_everything(Client(), survey)
    page = (
        _manager(client, survey)
        .post(reverse("survey_suggest", args=[survey.agency.pk, survey.pk]), follow=True)
        .content.decode()
    )
    assert "ไม่มีข้อคำถามที่คะแนนต่ำกว่า 85 จึงไม่มีมาตรการที่ต้องเสนอ" in page
    assert not survey.suggested.exists()


def test_a_fresh_page_is_the_same_for_everyone_and_shows_no_ones_answers(survey):
    """The questions of a page nobody has answered in this browser are kept rendered;
    one respondent's choices must never reach another's page."""
    url = reverse("survey_page", args=[survey.token, 1])
    first = Client()
    first.post(url, {"i1.1": "2"})  # half a page: refused, the half kept in the cookie
    assert 'name="i1.1" value="2" checked' in first.get(url).content.decode()
    pages = queries.pages(survey)
    first.post(url, best_page(pages[0]))
    first.post(reverse("survey_page", args=[survey.token, 2]), {"i7.1": "1"})  # half of 2
    own = first.get(url).content.decode()  # page 1 holds every page: its own choices shown
    assert 'name="i1.1" value="3" checked' in own and 'name="i7.1" value="1" checked' in own
    radios = sum(len(i.options) for p in pages for q in p.questions for i in q.items)
    for _ in range(2):
        fresh = Client().get(url).content.decode()
        assert fresh.count("<section data-number=") == len(pages) == 5
        assert fresh.count('type="radio"') == radios and " checked" not in fresh
