"""The workbench through an agency's year: suggest and edit measures, approve, record
progress with evidence, publish; the audit trail; login limits; BE dates; query counts."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.agencies import services as agency_services
from prongsai.agencies.models import Agency, AgencyKind, Membership
from prongsai.agencies.services import save_assessment
from prongsai.cli.demo_data import load_demo
from prongsai.plans import services
from prongsai.plans.models import Measure, Plan, ProgressEntry
from prongsai.plans.services import PlanError
from prongsai.thai.units import DEFAULT_UNITS
from prongsai.web.forms.fields import BEDateField
from tests.helpers import SEED_000, example
from tests.workbench import PDF_BYTES, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


def login(client, bench, role):
    client.force_login(bench.users[role])
    return client


# ---------------------------------------------------------------- suggest and plan


def test_suggest_measures_for_the_weak_indicators(client, bench):
    login(client, bench, "coordinator")
    response = client.post(reverse("suggest", args=[bench.agency.pk, 2567]))  # acts on ITA 2566
    assert response.status_code == 302
    assert not Plan.objects.filter(fiscal_year=2567, measures__isnull=False).exists()
    save_assessment(agency=bench.agency, document=example(SEED_000) | {"fiscal_year": 2566})
    client.post(reverse("suggest", args=[bench.agency.pk, 2567]))
    plan = Plan.objects.get(agency=bench.agency, fiscal_year=2567)
    measures = list(plan.measures.order_by("number"))
    assert [m.indicators for m in measures] == [[9], [10]]  # seed 000: 84.56 and 81.25 < 85
    assert measures[0].start == date(2023, 10, 1) and measures[0].end == date(2024, 9, 1)
    assert [u.name for u in measures[0].units.all()] == ["สำนักปลัด"]
    client.post(reverse("suggest", args=[bench.agency.pk, 2567]))
    assert plan.measures.count() == 2  # suggesting again adds nothing twice


def test_suggest_from_failed_oit_items_by_theme(bench):
    document = {
        "agency": bench.agency.name,
        "fiscal_year": 2564,
        "indicators": {str(n): 95 for n in range(1, 9)},
        "oit_items": {"O42": 0, "O36": 0, "O1": 100},
    }
    save_assessment(agency=bench.agency, document=document)
    plan = services.plan_for(agency=bench.agency, fiscal_year=2565)
    assert services.suggest_measures(plan=plan) >= 1
    answered = {code for m in plan.measures.all() for code in m.oit_items}
    assert "O42" in answered  # the 2564 item on the internal measures


def test_plan_workflow(client, bench):
    plan = services.plan_for(agency=bench.agency, fiscal_year=2567)
    with pytest.raises(PlanError, match="ยังไม่มีมาตรการ"):
        services.submit(plan=plan, user=bench.users["coordinator"])
    login(client, bench, "coordinator")
    data = {
        "title": "จัดทำคู่มือการปฏิบัติงาน",
        "steps": "ขั้นแรก\nขั้นสอง",
        "units": [bench.finance.pk],
        "start": "2023-10-01",
        "end": "2024-03-01",
        "follow_up": "รายงานรอบ ๖ เดือน",
        "indicators": ["1"],
        "oit_items": "o๑๒, O7",
    }
    assert (
        client.post(reverse("measure_new", args=[bench.agency.pk, 2567]), data).status_code == 302
    )
    measure = plan.measures.get()
    assert measure.oit_items == ["O12", "O7"] and measure.indicators == [1]
    bad = data | {"start": "2024-03-01", "end": "2023-11-01"}
    page = client.post(reverse("measure", args=[bench.agency.pk, 2567, 1]), bad)
    assert "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม" in page.content.decode()
    client.post(reverse("plan_step", args=[bench.agency.pk, 2567, "submit"]))
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.submitted_by == bench.users["coordinator"]
    with pytest.raises(PlanError):
        services.save_measure(plan=plan, values=data, units=[], measure=measure)  # locked
    with pytest.raises(PlanError, match="เผยแพร่ได้เมื่อ"):
        services.publish_plan(plan=plan, published=True)
    login(client, bench, "executive")
    client.post(reverse("plan_step", args=[bench.agency.pk, 2567, "approve"]))
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approved_by == bench.users["executive"]
    page = client.get(reverse("plan", args=[bench.agency.pk, 2567])).content.decode()
    assert reverse("plan_document", args=[bench.agency.pk, 2567, "announcement", "pdf"]) in page
    memo = client.get(reverse("plan_document", args=[bench.agency.pk, 2567, "memo", "docx"]))
    assert memo.status_code == 200
    services.reopen(plan=plan)
    plan.refresh_from_db()
    assert plan.status == "draft" and plan.approved is None


# ---------------------------------------------------------------- progress and evidence


def test_unit_editor_records_progress_on_their_measure(client, bench):
    login(client, bench, "unit_editor")
    url = reverse("entry", args=[bench.agency.pk, 2566, 6, 2])
    data = {
        "status": "cancelled",
        "done": "",
        "done_on": "",
        "problems": "",
        "solutions": "",
        "reason": "",
    }
    page = client.post(url, data)
    assert "ต้องระบุเหตุผล" in page.content.decode() or "needs a reason" in page.content.decode()
    data |= {"status": "done", "done": "ประกาศแผนแล้ว", "done_on": "๑/๑๑/๒๕๖๕"}
    assert client.post(url, data).status_code == 302
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    assert entry.status == "done" and entry.done_on == date(2022, 11, 1)
    assert entry.updated_by == bench.users["unit_editor"]
    other = reverse("entry", args=[bench.agency.pk, 2566, 6, 1])
    assert client.post(other, data).status_code == 403


def test_round_page_dashboard_and_overdue(client, bench):
    login(client, bench, "viewer")
    progress_round = bench.plan.rounds.get()
    progress_round.as_of = date(2023, 5, 1)  # both measures ended in มี.ค. 2566
    progress_round.save()
    page = client.get(reverse("round", args=[bench.agency.pk, 2566, 6]))
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [r["overdue"] for r in rows] == [True, True]
    by_unit = {t.label: t for t in page.context["by_unit"]}
    assert by_unit["กองคลัง"].overdue == 1 and by_unit["กองคลัง"].counts["not_started"] == 1
    by_indicator = {t.label: t.total for t in page.context["by_indicator"]}
    assert by_indicator == {"ตัวชี้วัดที่ 2": 1, "ตัวชี้วัดที่ 9": 1}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "รับเฉพาะไฟล์"),
        ("page.html", b"<html><script>", "รับเฉพาะไฟล์"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "ใหญ่เกิน 10 MB"),
    ],
)
def test_evidence_is_checked_by_content(client, bench, name, data, message):
    login(client, bench, "coordinator")
    url = reverse("entry", args=[bench.agency.pk, 2566, 6, 1])
    upload = SimpleUploadedFile(name, data)
    page = client.post(url, {"status": "in_progress", "evidence_file": upload})
    assert message in page.content.decode()
    assert not ProgressEntry.objects.get(
        round__plan=bench.plan, measure__number=1
    ).evidence.exists()


def test_evidence_is_served_only_as_a_download(client, bench):
    login(client, bench, "viewer")
    evidence = ProgressEntry.objects.get(measure__number=2).evidence.get()
    response = client.get(reverse("evidence_file", args=[bench.agency.pk, evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


# ---------------------------------------------------------------- public page


def test_public_page_shows_only_what_was_published(client, bench):
    agency = bench.agency.pk
    urls = {
        "analysis": reverse("public_analysis", args=[agency, 2565]),
        "measures": reverse("public_measures", args=[agency, 2566]),
        "progress": reverse("public_progress", args=[agency, 2566, 6]),
    }
    for url in urls.values():
        assert client.get(url).status_code == 404  # nothing is published yet
    assessment = bench.agency.assessments.get()
    agency_services.publish_assessment(assessment=assessment, published=True)
    services.publish_plan(plan=bench.plan, published=True)
    services.publish_round(progress_round=bench.plan.rounds.get(), published=True)
    listing = client.get(reverse("public", args=[agency])).content.decode()
    for url in urls.values():
        assert url in listing
    page = client.get(urls["measures"]).content.decode()
    assert "เผยแพร่แผนการใช้จ่ายงบประมาณ" in page and "ดาวน์โหลด PDF" in page
    pdf = client.get(reverse("public_measures_pdf", args=[agency, 2566]))
    assert pdf["Content-Type"] == "application/pdf"
    analysis = client.get(urls["analysis"]).content.decode()
    assert "92.42" in analysis or "๙๒.๔๒" in analysis
    services.reopen(plan=bench.plan)  # back to draft: drafts never leak
    assert client.get(urls["measures"]).status_code == 404
    assert client.get(urls["progress"]).status_code == 404
    assert urls["measures"] not in client.get(reverse("public", args=[agency])).content.decode()


# ---------------------------------------------------------------- audit trail


def test_audit_trail_records_who_changed_what(client, bench):
    login(client, bench, "coordinator")
    services.reopen(plan=bench.plan)
    url = reverse("measure", args=[bench.agency.pk, 2566, 1])
    data = {
        "title": "เผยแพร่ข้อมูลพื้นฐานให้ครบทุกหัวข้อ",
        "steps": "ขั้นที่หนึ่ง",
        "units": [bench.finance.pk],
        "start": "2022-10-01",
        "end": "2023-03-01",
        "follow_up": "รายงานรอบ ๖ เดือน",
    }
    assert client.post(url, data).status_code == 302
    measure = Measure.objects.get(plan=bench.plan, number=1)
    changes = LogEntry.objects.get_for_object(measure).filter(action=LogEntry.Action.UPDATE)
    entry = next(e for e in changes if "title" in e.changes_dict)
    assert any("units" in e.changes_dict for e in changes)  # the unit change is kept too
    assert entry.additional_data == {"agency": bench.agency.pk}
    assert entry.actor == bench.users["coordinator"]
    assert entry.changes_dict["title"] == ["เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์", "เผยแพร่ข้อมูลพื้นฐานให้ครบทุกหัวข้อ"]
    login(client, bench, "admin")
    page = client.get(reverse("audit", args=[bench.agency.pk])).content.decode()
    assert "เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์ → เผยแพร่ข้อมูลพื้นฐานให้ครบทุกหัวข้อ" in page
    other = Agency.objects.create(name="อบจ.ทดสอบ", kind=AgencyKind.PAO)
    others = LogEntry.objects.filter(additional_data__agency=other.pk)
    assert [e.object_repr for e in others] == ["อบจ.ทดสอบ"]  # its own creation, nothing else


# ---------------------------------------------------------------- members, settings


def test_administrator_adds_a_unit_editor_and_a_new_user_gets_a_password(client, bench):
    login(client, bench, "admin")
    url = reverse("members", args=[bench.agency.pk])
    new = {"action": "create", "create-username": "chang", "create-full_name": "นายช่าง ดี"}
    page = client.post(url, new | {"create-role": "unit_editor"})
    assert "unit" in page.context["create"].errors  # a unit editor needs a unit
    page = client.post(
        url, new | {"create-role": "unit_editor", "create-unit": bench.finance.pk}, follow=True
    )
    membership = Membership.objects.get(user__username="chang")
    assert membership.unit == bench.finance and membership.role == "unit_editor"
    assert "chang" in page.content.decode()


def test_agency_settings_prefill_units_and_keep_acting_signers(member):
    agency = Agency.objects.create(name="เทศบาลตำบลโนนหัน", kind=AgencyKind.SUBDISTRICT_MUNICIPALITY)
    save_assessment(agency=agency, document=example(SEED_000) | {"agency": agency.name})
    client = member(agency, "admin")
    url = reverse("agency_settings", args=[agency.pk])
    logged = LogEntry.objects.count()
    page = client.get(url)
    # the usual units of a เทศบาลตำบล are offered, and nothing is written by looking
    offered = [f.initial.get("name") for f in page.context["units"]]
    assert offered == list(DEFAULT_UNITS["subdistrict_municipality"]) and len(offered) == 7
    assert not agency.units.exists()
    assert LogEntry.objects.count() == logged
    assert 'value="สำนักปลัดเทศบาล"' in page.content.decode()
    documents = client.get(reverse("document_settings", args=[agency.pk]))
    assert documents.status_code == 200
    assert not agency.units.exists() and LogEntry.objects.count() == logged
    data = {
        "name": agency.name,
        "kind": agency.kind,
        "province": "ขอนแก่น",
        "district": "ชุมแพ",
        "website": "nonhan.go.th",
        "phone": "0 4300 0000",
        "document_prefix": "ขก ๗๓๖๐๑/",
        "units-TOTAL_FORMS": "2",
        "units-INITIAL_FORMS": "0",
        "units-0-name": "สำนักปลัดเทศบาล",
        "units-0-order": "1",
        "units-1-name": "กองคลัง",
        "units-1-order": "2",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-0-signs_as": "executive",
        "people-0-name": "นายประเสริฐ ทำดี",
        "people-0-positions": "ปลัดเทศบาล ปฏิบัติหน้าที่\nนายกเทศมนตรีตำบลโนนหัน",
    }
    assert client.post(url, data).status_code == 302
    # the offered units are stored as sent, once
    assert list(agency.units.values_list("name", flat=True)) == ["สำนักปลัดเทศบาล", "กองคลัง"]
    agency.refresh_from_db()
    assert agency.website == "https://nonhan.go.th" and agency.document_prefix == "ขก ๗๓๖๐๑/"
    memo = client.get(reverse("year_document", args=[agency.pk, 2565, "memo", "docx"]))
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(memo.content)).read("word/document.xml").decode()
    assert "ปลัดเทศบาล ปฏิบัติหน้าที่" in xml and "(นายประเสริฐ ทำดี)" in xml


# ---------------------------------------------------------------- login, dates, results


def test_login_pauses_after_repeated_failures(client, bench):
    url = reverse("login")
    for _ in range(4):
        assert client.post(url, {"username": "viewer", "password": "wrong"}).status_code == 200
    fifth = client.post(url, {"username": "viewer", "password": "wrong"})
    assert fifth.status_code == 429  # the fifth failure starts the pause
    blocked = client.post(url, {"username": "viewer", "password": "pw-for-tests"})
    assert blocked.status_code == 429
    assert "โปรดรอ 15 นาทีแล้วลองใหม่" in blocked.content.decode()
    axes_reset()  # what the 15 minutes do
    assert client.post(url, {"username": "viewer", "password": "pw-for-tests"}).status_code == 302


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2567", date(2024, 3, 31)),
        ("๓๑/๓/๒๕๖๗", date(2024, 3, 31)),
        ("2567-03-31", date(2024, 3, 31)),
    ],
)
def test_buddhist_era_dates(text, expected):
    assert BEDateField().clean(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("31/03/2024", "2567"), ("31/02/2567", "31/03/2567"), ("พรุ่งนี้", "31/03/2567")],
)
def test_bad_dates_say_how_to_write_them(text, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        BEDateField().clean(text)
    assert message in str(caught.value)


def test_results_page_threshold_changes_strengths(client, bench):
    login(client, bench, "viewer")
    url = reverse("results_year", args=[bench.agency.pk, 2565])
    page = client.get(url)
    assert [i.number for i in page.context["analysis"].weaknesses] == [9, 10]
    assert page.context["content"]["overall"] == "92.42"
    page = client.get(url + "?threshold=98")
    assert page.context["threshold"] == Decimal("98")
    assert [i.number for i in page.context["analysis"].weaknesses] == [7, 2, 9, 10]


# ---------------------------------------------------------------- speed guards


@pytest.mark.parametrize("name", ["plan", "round", "home"])
def test_query_count_does_not_grow_with_measures(
    client, bench, django_assert_max_num_queries, name
):
    login(client, bench, "coordinator")
    services.reopen(plan=bench.plan)
    for number in range(3, 60):
        measure = Measure.objects.create(
            plan=bench.plan,
            number=number,
            title=f"มาตรการ {number}",
            steps="ขั้น",
            start=date(2022, 10, 1),
            end=date(2023, 9, 1),
            follow_up="รายงาน",
            indicators=[number % 10 + 1],
        )
        measure.units.set([bench.finance])
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    services.approve(plan=bench.plan, user=bench.users["executive"])
    progress_round = bench.plan.rounds.get()
    ProgressEntry.objects.bulk_create(
        [
            ProgressEntry(round=progress_round, measure=m)
            for m in bench.plan.measures.filter(number__gte=3)
        ]
    )
    url = {
        "plan": reverse("plan", args=[bench.agency.pk, 2566]),
        "round": reverse("round", args=[bench.agency.pk, 2566, 6]),
        "home": reverse("home"),
    }[name]
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


# ---------------------------------------------------------------- demo


def test_demo_is_an_agency_in_the_middle_of_its_year():
    login_info = load_demo()
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลคอนนิม")
    plan = agency.plans.get(fiscal_year=2566)
    assert plan.status == "approved" and plan.published and plan.measures.count() == 12
    progress_round = plan.rounds.get(months=6)
    assert progress_round.published
    assert progress_round.entries.filter(status="done").count() == 4
    roles = {role for _user, role, _password in login_info.others}
    assert len(roles) == 4
    assert agency.people.count() == 3
    load_demo()  # again: refreshed, not duplicated
    assert plan.measures.count() == 12


def test_public_pages_work_with_the_production_static_storage(client, bench, tmp_path, settings):
    """`prongsai serve` uses hashed static names; the fonts must be found by file."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    services.publish_plan(plan=bench.plan, published=True)
    page = client.get(reverse("public_measures", args=[bench.agency.pk, 2566]))
    assert page.status_code == 200
    hashed = staticfiles_storage.url("fonts/SarabunTHCompat-Regular.ttf")
    assert hashed != "/static/fonts/SarabunTHCompat-Regular.ttf" and hashed in page.content.decode()
