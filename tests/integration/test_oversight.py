"""A province's dashboard, with real values: distribution, pass count, weak indicators,
movers, cycle status, Thai order, filters, the chart and the Excel export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.importers.results_batch import read_batch
from prongsai.oversight import queries, services
from prongsai.oversight.batch import lines_from_rows
from tests.factories import UserFactory
from tests.workbench import build

pytestmark = pytest.mark.django_db

HEAD = (
    "name,province,district,year,ind1,ind2,ind3,ind4,ind5,ind6,ind7,ind8,ind9,ind10,overall,grade\n"
)
Y2565 = HEAD + (
    "อบต.หนองแวง,ขอนแก่น,ชนบท,2565,,,,,,,,,,,70.00,C\n"
    "ทต.โนนหัน,ขอนแก่น,ชนบท,2565,,,,,,,,,,,90.00,A\n"
    "อบต.ท่าพระ,มหาสารคาม,เมือง,2565,,,,,,,,,,,60.00,D\n"
)
Y2566 = HEAD + (
    "อบต.หนองแวง,ขอนแก่น,ชนบท,2566,90,90,90,90,90,90,90,90,70,60,,\n"
    "ทต.โนนหัน,ขอนแก่น,ชนบท,2566,,,,,,,,,,,84.00,B\n"
    "เทศบาลเมืองชุมแพ,ขอนแก่น,ชุมแพ,2566,98,98,98,98,98,98,98,98,96,95,,\n"
    "อบต.ท่าพระ,มหาสารคาม,เมือง,2566,,,,,,,,,,,99.00,AA\n"
)


def load(text, registry):
    lines = lines_from_rows(read_batch(text.encode(), "t.csv"), "t.csv")
    services.apply_import(plan=queries.import_preview(lines, "t.csv", registry))


@pytest.fixture
def province(registry):
    konnim = build()  # อบต.คอนนิม, ขอนแก่น เวียงใหญ่: ITA 2565 92.42 A, plan 2566 approved
    load(Y2565, registry)
    load(Y2566, registry)
    body = services.create_body(name="จังหวัดขอนแก่น", kind="province", province="ขอนแก่น")
    officer = UserFactory(username="officer")
    services.add_body_member(body=body, user=officer)
    return body, officer, konnim


def test_the_dashboard_counts_what_the_engine_stored(province):
    body, _officer, _konnim = province
    board = queries.dashboard(body, 2566)
    assert board.count == 3  # ท่าพระ is in มหาสารคาม
    # หนองแวง: 0.3×90 + 0.3×90 + 0.4×65 = 80.00 B; ชุมแพ 0.3×98 + 0.3×98 + 0.4×95.5 = 97.00 AA
    assert [(r.name, str(r.overall), r.grade) for r in board.rows] == [
        ("เทศบาลตำบลโนนหัน", "84.00", "B"),
        ("เทศบาลเมืองชุมแพ", "97.00", "AA"),
        ("องค์การบริหารส่วนตำบลหนองแวง", "80.00", "B"),
    ]  # Thai dictionary order: เทศบาล… before องค์การ…
    assert board.passed == 1 and str(board.mean) == "87.00"
    assert board.grades == [("AA", 1), ("B", 2)]
    assert ("80–85", 2) in board.bins and ("95–100", 1) in board.bins
    assert board.weak == [(9, 1), (10, 1)]
    assert [(r.name, str(r.change)) for r in board.risers] == [
        ("องค์การบริหารส่วนตำบลหนองแวง", "10.00")
    ]
    assert [(r.name, str(r.change)) for r in board.fallers] == [("เทศบาลตำบลโนนหัน", "-6.00")]


def test_the_cycle_status_of_the_year_before(province):
    body, _officer, _konnim = province
    board = queries.dashboard(body, 2565)
    row = next(r for r in board.rows if r.name == "องค์การบริหารส่วนตำบลคอนนิม")
    assert (str(row.overall), row.plan, row.rounds) == ("92.42", "approved", [])
    assert board.plans_approved == 1 and board.count == 3


def test_filters_and_sorting(province):
    body, _officer, _konnim = province
    by_score = queries.dashboard(body, 2566, sort="-overall")
    assert [str(r.overall) for r in by_score.rows] == ["97.00", "84.00", "80.00"]
    chonnabot = queries.dashboard(body, 2566, district="ชนบท", sort="change")
    assert [str(r.change) for r in chonnabot.rows] == ["-6.00", "10.00"]
    assert chonnabot.districts == ["ชนบท", "ชุมแพ"]
    towns = queries.dashboard(body, 2566, kind="town_municipality")
    assert [r.name for r in towns.rows] == ["เทศบาลเมืองชุมแพ"]


def test_the_page_chart_and_excel(client, province):
    body, officer, _konnim = province
    client.force_login(officer)
    assert client.get(reverse("oversight_body", args=[body.pk]))["Location"].endswith("/2566/")
    page = client.get(reverse("oversight_dashboard", args=[body.pk, 2566]), {"sort": "-change"})
    html = page.content.decode()
    assert page.status_code == 200
    html = html[html.index('class="grid agencies"') :]
    # by change: +10, -6, then the one without a year before
    assert html.index("หนองแวง") < html.index("เทศบาลตำบลโนนหัน") < html.index("ชุมแพ")
    png = client.get(reverse("oversight_chart", args=[body.pk, 2566]))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    xlsx = client.get(reverse("oversight_export", args=[body.pk, 2566]), {"district": "ชนบท"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[4], r[8]) for r in rows] == [
        ("เทศบาลตำบลโนนหัน", 84, "B", -6),
        ("องค์การบริหารส่วนตำบลหนองแวง", 80, "B", 10),
    ]


def test_the_dashboard_reads_in_a_fixed_number_of_queries(
    client, province, django_assert_max_num_queries
):
    body, officer, _konnim = province
    client.force_login(officer)
    # 10: the header's "my work" count reads the user's pending invitations too.
    with django_assert_max_num_queries(10):
        client.get(reverse("oversight_dashboard", args=[body.pk, 2566]))


def test_other_bodies_and_outsiders_get_404(client, province):
    body, _officer, _konnim = province
    client.force_login(UserFactory(username="stranger"))
    for name, args in [
        ("oversight_body", [body.pk]),
        ("oversight_dashboard", [body.pk, 2566]),
        ("oversight_chart", [body.pk, 2566]),
        ("oversight_export", [body.pk, 2566]),
        ("oversight_import", [body.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_a_reader_may_not_import_and_a_site_administrator_may(client, province, django_user_model):
    body, officer, _konnim = province  # the officer is a reader of the body
    client.force_login(officer)
    assert client.get(reverse("oversight_import", args=[body.pk])).status_code == 403
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    csv = HEAD + "อบต.บ้านแฮด,,บ้านแฮด,2566,,,,,,,,,,,88.50,A\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ผล.csv", csv.encode(), content_type="text/csv")
    preview = client.post(reverse("oversight_import", args=[body.pk]), {"file": upload})
    html = preview.content.decode()
    assert "องค์การบริหารส่วนตำบลบ้านแฮด" in html and "88.5" in html
    payload = preview.context["payload"]
    saved = client.post(reverse("oversight_import", args=[body.pk]), {"payload": payload})
    assert saved.status_code == 302
    board = queries.dashboard(body, 2566)
    assert "องค์การบริหารส่วนตำบลบ้านแฮด" in [r.name for r in board.rows]  # ขอนแก่น from the body
    tampered = client.post(reverse("oversight_import", args=[body.pk]), {"payload": payload + "x"})
    assert tampered.status_code == 302


def test_peer_benchmark_of_an_agency(province):
    from prongsai.agencies.models import Agency

    _body, _officer, konnim = province
    nongwaeng = Agency.objects.get(name="องค์การบริหารส่วนตำบลหนองแวง")
    # ITA 2565 อบต.: คอนนิม 92.42 and หนองแวง 70.00 in ขอนแก่น, ท่าพระ 60.00 in มหาสารคาม
    peers = queries.peer_benchmark(nongwaeng, 2565)
    assert (str(peers.overall_province.share), peers.overall_province.rank) == ("0.0", 2)
    assert (str(peers.overall_nation.share), peers.overall_nation.rank) == ("50.0", 2)
    assert peers.overall_nation.peers == 3 and peers.indicators == []
    best = queries.peer_benchmark(konnim.agency, 2565)
    assert (str(best.overall_nation.share), best.overall_nation.rank) == ("100.0", 1)
    assert best.indicators[0] == (1, None, None)  # nobody else has indicator scores
    # ITA 2566: หนองแวง 80.00 (indicators 90…60) and ท่าพระ 99.00 (no indicators)
    later = queries.peer_benchmark(nongwaeng, 2566)
    assert later.overall_province is None and str(later.overall_nation.share) == "0.0"


def test_the_results_page_shows_the_peers(client, province):
    _body, officer, konnim = province
    client.force_login(officer)
    page = client.get(reverse("results_year", args=[konnim.agency.pk, 2565])).content.decode()
    assert "100.0%" in page and "1 จาก 3" in page


def test_the_summary_report_in_word_and_pdf(client, province):
    import docx
    from pypdf import PdfReader

    body, officer, _konnim = province
    client.force_login(officer)
    word = client.get(reverse("oversight_summary", args=[body.pk, 2566, "docx"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "รายงานสรุปผลการประเมิน ITA ประจำปี พ.ศ.\u00a0๒๕๖๖" in text
    assert "มีผลการประเมิน ๓ แห่ง คะแนนเฉลี่ย ๘๗.๐๐ คะแนน ผ่านเกณฑ์ ๘๕ คะแนน ๑ แห่ง" in text
    tables = docx.Document(io.BytesIO(word.content)).tables
    below = [[c.text for c in row.cells] for row in tables[-1].rows[1:]]
    assert below == [
        ["เทศบาลตำบลโนนหัน", "ชนบท", "๘๔.๐๐", "B"],
        ["องค์การบริหารส่วนตำบลหนองแวง", "ชนบท", "๘๐.๐๐", "B"],
    ]
    pdf = client.get(reverse("oversight_summary", args=[body.pk, 2566, "pdf"]))
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    assert "จังหวัดขอนแก่น" in pages[0].extract_text()
    assert client.get(reverse("oversight_summary", args=[body.pk, 2566, "odt"])).status_code == 404


def test_the_demo_officer_manages_the_demo_province_and_reads_khon_kaen(client):
    from prongsai.cli.demo_data import load_demo
    from prongsai.oversight.models import BodyMember

    login = load_demo()
    username, role, password = login.overseers[0]
    assert username == "provincial" and "สาธิตบุรี" in role
    seats = BodyMember.objects.filter(user__username="provincial")
    assert sorted(seats.values_list("body__name", "role")) == [
        ("จังหวัดขอนแก่น", "reader"),
        ("จังหวัดสาธิตบุรี", "manager"),
    ]
    assert client.post(reverse("login"), {"username": username, "password": password})[
        "Location"
    ] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert home.count("นำเข้าผลการประเมินได้") == 1  # สาธิตบุรี's manager, ขอนแก่น's reader
    assert home.index("จังหวัดสาธิตบุรี") < home.index("นำเข้าผลการประเมินได้")
    assert home.index("จังหวัดขอนแก่น") < home.index("จังหวัดสาธิตบุรี")
    satit = seats.get(role="manager").body
    assert client.get(reverse("oversight_import", args=[satit.pk])).status_code == 200
    khon_kaen = seats.get(role="reader").body
    assert client.get(reverse("oversight_import", args=[khon_kaen.pk])).status_code == 403
