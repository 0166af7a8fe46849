"""The web skeleton: models and the engine-backed service, demo data, pages, admin."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from prongsai.agencies.models import Agency, AgencyKind, Assessment, kind_from_name
from prongsai.agencies.services import save_assessment
from prongsai.cli.demo_data import load_demo
from prongsai.engine import ResultsError
from prongsai.thai import MONTHS_FULL
from prongsai.web.templatetags.thai import thai_digits
from tests.helpers import SEED_001, example

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return Agency.objects.create(
        name="องค์การบริหารส่วนตำบลอีเซ", kind=AgencyKind.SAO, province="ศรีสะเกษ", district="โพธิ์ศรีสุวรรณ"
    )


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user(
        "somchai", password="pw-for-tests", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


def test_saving_an_assessment_stores_the_engine_analysis(agency):
    assessment = save_assessment(agency=agency, document=example(SEED_001), source="seed 001")
    assessment.refresh_from_db()
    assert (assessment.fiscal_year, assessment.framework) == (2566, "nacc-2566")
    assert assessment.overall == 95.45
    assert assessment.grade == "AA"
    assert assessment.warning_count == 5
    assert assessment.results["indicators"]["5"] == "95.21"  # exact decimals, as strings
    assert assessment.analysis["warnings"][0]["code"] == "INDICATOR_QUESTIONS_MISMATCH"


def test_saving_the_same_year_again_replaces_it(agency):
    save_assessment(agency=agency, document=example(SEED_001))
    corrected = example(SEED_001)
    corrected["indicators"]["5"] = 96.15
    assessment = save_assessment(agency=agency, document=corrected)
    assert Assessment.objects.count() == 1
    assert assessment.overall == 95.51
    assert [w["code"] for w in assessment.analysis["warnings"]] == [
        "INDICATOR_QUESTIONS_MISMATCH"
    ] * 3  # only the doubtful EIT grouping remains


def test_a_bad_document_saves_nothing(agency):
    with pytest.raises(ResultsError):
        save_assessment(agency=agency, document={"fiscal_year": 2566, "indicators": {"1": 101}})
    with pytest.raises(ResultsError):
        save_assessment(agency=agency, document={"fiscal_year": 2555})
    assert Assessment.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("องค์การบริหารส่วนตำบลคอนนิม", AgencyKind.SAO),
        ("เทศบาลตำบลโนนหัน", AgencyKind.SUBDISTRICT_MUNICIPALITY),
        ("เทศบาลนครขอนแก่น", AgencyKind.CITY_MUNICIPALITY),
        ("อบจ.ศรีสะเกษ", AgencyKind.PAO),
        ("สำนักงานจังหวัดขอนแก่น", AgencyKind.OTHER),
    ],
)
def test_agency_kind_from_its_name(name, kind):
    assert kind_from_name(name) == kind


def test_demo_loads_the_seed_agencies_and_an_admin(client):
    login = load_demo()
    seeds = Agency.objects.exclude(province="สาธิตบุรี")  # the made-up province: generated
    assert set(seeds.values_list("name", "kind", "province", "district")) == {
        ("เทศบาลตำบลโนนหัน", "subdistrict_municipality", "ขอนแก่น", "ชุมแพ"),
        ("องค์การบริหารส่วนตำบลคอนนิม", "sao", "ขอนแก่น", "เวียงใหญ่"),
        ("องค์การบริหารส่วนตำบลอีเซ", "sao", "ศรีสะเกษ", "โพธิ์ศรีสุวรรณ"),
    }
    real = Assessment.objects.exclude(agency__province="สาธิตบุรี")
    overall = {a.agency.name: (a.fiscal_year, a.overall, a.grade) for a in real}
    assert overall == {
        "องค์การบริหารส่วนตำบลคอนนิม": (2565, 92.42, "A"),
        "องค์การบริหารส่วนตำบลอีเซ": (2566, 95.45, "AA"),
        "เทศบาลตำบลโนนหัน": (2565, None, None),
    }
    again = load_demo()  # running it twice keeps one of each and a new password
    assert seeds.count() == 3 and real.count() == 3
    made_up = Assessment.objects.filter(agency__province="สาธิตบุรี")
    assert made_up.count() == 640  # 320 agencies × ITA 2565 and 2566, loaded once
    assert not made_up.exclude(source__startswith="generated:").exists()
    assert again.password != login.password
    credentials = {"username": again.username, "password": again.password}
    assert client.post(reverse("login"), credentials).status_code == 302


def test_login_page_is_thai_and_home_needs_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="th">' in page
    assert "เข้าสู่ระบบ" in page and "ชื่อผู้ใช้" in page and "รหัสผ่าน" in page


def test_wrong_password_says_so_in_thai(client):
    get_user_model().objects.create_user("somchai", password="right-password")
    page = client.post(reverse("login"), {"username": "somchai", "password": "wrong"})
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in page.content.decode()


def test_home_lists_agencies_with_their_results(staff_client):
    load_demo()
    page = staff_client.get(reverse("home"), {"q": "อีเซ"}).content.decode()
    assert "หน่วยงานและผลการประเมิน ITA" in page
    assert "องค์การบริหารส่วนตำบลอีเซ" in page and "95.45" in page and "AA" in page
    assert "ยังไม่มีผลการประเมิน" not in page
    assert "ผู้ดูแลระบบ" in page


def test_home_for_a_user_without_agencies(client):
    user = get_user_model().objects.create_user("dang", password="pw")
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert "คุณยังไม่ได้รับสิทธิ์เข้าถึงหน่วยงานใด" in page


def test_english_is_available(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page and "Log in" in page and "Username" in page


def test_dates_are_shown_in_the_buddhist_era_in_thai(client):
    with translation.override("th"):
        assert date_format(date(2026, 11, 23), "j F Y") == "23 พฤศจิกายน 2569"
        assert date_format(date(2024, 3, 31), "j M y") == "31 มี.ค. 67"
        assert date_format(date(2024, 3, 31)) == "31 มีนาคม 2567"  # the th locale's DATE_FORMAT
    with translation.override("en"):
        assert date_format(date(2026, 11, 23), "j F Y") == "23 November 2026"
    today = timezone.localdate()
    page = client.get(reverse("login")).content.decode()
    assert f"วันนี้ {today.day} " in page and f" {today.year + 543}</footer>" in page


def test_admin_dates_are_buddhist_era_too(staff_client, agency):
    document = "fiscal_year: 2566\nindicators: {1: 97.61}\n"
    staff_client.post(
        reverse("admin:agencies_assessment_add"),
        {"agency": agency.pk, "source": "", "results_yaml": document},
    )
    assessment = Assessment.objects.get()
    history = reverse("admin:agencies_assessment_history", args=[assessment.pk])
    page = staff_client.get(history).content.decode()
    today = timezone.localdate()
    assert f"{today.day} {MONTHS_FULL[today.month - 1]} {today.year + 543}" in page


def test_admin_lists_agencies_and_assessments(staff_client):
    load_demo()
    agencies = reverse("admin:agencies_agency_changelist")
    page = staff_client.get(agencies, {"q": "ขอนแก่น"}).content.decode()  # not the made-up province
    assert "องค์การบริหารส่วนตำบลคอนนิม" in page and "เทศบาลตำบลโนนหัน" in page
    assessments = reverse("admin:agencies_assessment_changelist")
    assert "92.42" in staff_client.get(assessments, {"q": "คอนนิม"}).content.decode()
    assert "nacc-2566" in staff_client.get(assessments, {"q": "อีเซ"}).content.decode()
    assessment = Assessment.objects.get(fiscal_year=2566, agency__name="องค์การบริหารส่วนตำบลอีเซ")
    page = staff_client.get(
        reverse("admin:agencies_assessment_change", args=[assessment.pk])
    ).content.decode()
    assert "INDICATOR_QUESTIONS_MISMATCH" in page
    assert "  i25: 96.70\n" in page  # the results document, editable as YAML


def test_admin_adds_an_assessment_checked_by_the_engine(staff_client, agency):
    url = reverse("admin:agencies_assessment_add")
    bad = staff_client.post(
        url,
        {
            "agency": agency.pk,
            "source": "",
            "results_yaml": "fiscal_year: 2566\nindicators: {1: 120}\n",
        },
    )
    assert bad.status_code == 200
    assert "คะแนน 120 อยู่นอกช่วง 0–100" in bad.content.decode()
    assert Assessment.objects.count() == 0
    good = staff_client.post(
        url,
        {
            "agency": agency.pk,
            "source": "typed in",
            "results_yaml": "fiscal_year: 2566\nindicators: {1: 97.61}\n",
        },
    )
    assert good.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.fiscal_year, assessment.source) == (2566, "typed in")
    assert assessment.analysis["indicators"][0]["score"] == 97.61
    again = staff_client.post(
        url, {"agency": agency.pk, "source": "", "results_yaml": "fiscal_year: 2566\n"}
    )
    assert "หน่วยงานนี้มีผลการประเมินของปีดังกล่าวแล้ว" in again.content.decode()


def test_thai_even_when_the_browser_asks_for_english(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in page and "เข้าสู่ระบบ" in page


def test_thai_digits_filter():
    assert thai_digits("92.42") == "๙๒.๔๒"


def test_home_pages_and_searches_many_agencies(staff_client):
    Agency.objects.bulk_create(
        Agency(
            name=f"เทศบาลตำบลทดสอบ{i:03d}", kind=AgencyKind.SAO, province="ขอนแก่น", district="เมือง"
        )
        for i in range(120)
    )
    Agency.objects.create(name="องค์การบริหารส่วนตำบลอีเซ", kind=AgencyKind.SAO, province="ศรีสะเกษ")
    first = staff_client.get(reverse("home")).content.decode()
    # Thai dictionary order: เทศบาล… (ท) before องค์การ… (อ)
    assert first.count("เทศบาลตำบลทดสอบ") == 50 and "หน้า 1 จาก 3 (ทั้งหมด 121 รายการ)" in first
    last = staff_client.get(reverse("home"), {"page": 3}).content.decode()
    assert "องค์การบริหารส่วนตำบลอีเซ" in last
    found = staff_client.get(reverse("home"), {"q": "ตำบล ศรีสะเกษ"}).content.decode()
    assert "องค์การบริหารส่วนตำบลอีเซ" in found and "เทศบาลตำบลทดสอบ" not in found
    second = staff_client.get(reverse("home"), {"q": "ทดสอบ", "page": 2}).content.decode()
    assert "ทดสอบ050" in second and "ทดสอบ049" not in second
    assert 'href="?q=%E0%B8%97' in second and "page=3" in second  # the search stays
    none = staff_client.get(reverse("home"), {"q": "ไม่มีชื่อนี้"}).content.decode()
    assert "ไม่พบหน่วยงานที่ตรงกับ “ไม่มีชื่อนี้”" in none


def test_every_page_has_an_icon(client):
    assert client.get("/favicon.ico").headers["Location"] == "/static/web/favicon.svg"
    assert 'rel="icon" href="/static/web/favicon.svg"' in client.get("/login/").content.decode()
