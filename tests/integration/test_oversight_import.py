"""Importing many agencies' results at once: matched by name or created, every line
checked by the engine, one transaction, earlier results kept."""

from decimal import Decimal

import pytest
from django.urls import reverse

from prongsai.agencies.models import Agency, Assessment, AssessmentVersion
from prongsai.importers.results_batch import BatchError, read_batch
from prongsai.oversight import queries, services
from prongsai.oversight.batch import lines_from_rows
from prongsai.oversight.models import Standing
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

CSV = """\
ชื่อหน่วยงาน,ประเภท,จังหวัด,อำเภอ,ปี,ind1,ind2,ind3,ind4,ind5,ind6,ind7,ind8,ind9,ind10,IIT,overall,grade
อบต.คอนนิม,อบต.,ขอนแก่น,เวียงใหญ่,2565,100.00,97.19,99.80,98.79,99.80,99.04,97.72,98.49,84.56,81.25,99.12,92.42,A
ทต. โนนหัน,,ขอนแก่น,ชนบท,2565,,,,,,,,,,,,๗๘.๕๐,B
เทศบาลเมืองชุมแพ,ทม.,ขอนแก่น,ชุมแพ,2565,,,,,,,,,,,,88.10,A
"""


def plan_of(data: bytes, registry, name="ผลจังหวัด.csv"):
    lines = lines_from_rows(read_batch(data, name), name)
    return queries.import_preview(lines, name, registry, by="officer")


def test_a_province_table_creates_and_matches_agencies_in_one_go(registry):
    konnim = AgencyFactory(name="องค์การบริหารส่วนตำบลคอนนิม", district="")
    plan = plan_of(CSV.encode(), registry)
    assert plan.counts == {
        "new_agencies": 2,
        "matched_agencies": 1,
        "new_results": 3,
        "replaced_results": 0,
        "problems": 0,
    }
    first = plan.lines[0]
    assert (first.agency_id, first.year, first.overall, first.grade) == (
        konnim.pk,
        2565,
        92.42,
        "A",
    )
    assert [line.kind for line in plan.lines] == [
        "sao",
        "subdistrict_municipality",
        "town_municipality",
    ]
    assert Assessment.objects.count() == 0  # a preview writes nothing

    written = services.apply_import(plan=plan)
    assert written == {"agencies": 2, "created": 3, "replaced": 0, "skipped": 0}
    nonhan = Agency.objects.get(name="เทศบาลตำบลโนนหัน")
    assert (nonhan.kind, nonhan.province, nonhan.district) == (
        "subdistrict_municipality",
        "ขอนแก่น",
        "ชนบท",
    )
    standing = Standing.objects.get(agency=nonhan, fiscal_year=2565)
    assert (standing.overall, standing.grade, standing.passed) == (Decimal("78.50"), "B", False)
    konnim_standing = Standing.objects.get(agency=konnim)
    assert konnim_standing.overall == Decimal("92.42")
    assert konnim_standing.weak == "9,10" and konnim_standing.tools["OIT"] == 82.91
    stored = Assessment.objects.get(agency=konnim)
    assert stored.results["source"]["line"] == "ผลจังหวัด.csv แถวที่ 2"
    assert stored.source == "นำเข้าหลายหน่วยงาน: ผลจังหวัด.csv แถวที่ 2"


def test_importing_again_replaces_and_keeps_the_earlier_version(registry):
    services.apply_import(plan=plan_of(CSV.encode(), registry))
    again = CSV.replace("๗๘.๕๐,B", "86.00,A")
    plan = plan_of(again.encode(), registry)
    assert plan.counts["replaced_results"] == 3 and plan.counts["new_agencies"] == 0
    services.apply_import(plan=plan)
    nonhan = Standing.objects.get(agency__name="เทศบาลตำบลโนนหัน")
    assert (nonhan.overall, nonhan.grade, nonhan.passed) == (Decimal("86.00"), "A", True)
    assert AssessmentVersion.objects.count() == 3 and Standing.objects.count() == 3


def test_bad_lines_are_listed_and_left_out(registry):
    bad = CSV + "อบต.หนองแวง,,ขอนแก่น,,2565,,,,,,,,,,,,123,A\nอบต.คอนนิม,,,,2565,,,,,,,,,,,,90,A\n"
    plan = plan_of(bad.encode(), registry)
    assert [line.label for line in plan.bad] == [
        "ผลจังหวัด.csv แถวที่ 2",
        "ผลจังหวัด.csv แถวที่ 5",
        "ผลจังหวัด.csv แถวที่ 6",
    ]
    assert "123" in " ".join(plan.bad[1].problems)
    assert "ซ้ำ" in plan.bad[0].problems[0]
    assert services.apply_import(plan=plan)["created"] == 2


def test_a_table_without_names_is_refused():
    with pytest.raises(BatchError):
        read_batch("จังหวัด,คะแนน\nขอนแก่น,90\n".encode(), "x.csv")


def test_the_same_table_as_excel(registry):
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in CSV.splitlines():
        book.active.append(row.split(","))
    data = io.BytesIO()
    book.save(data)
    plan = plan_of(data.getvalue(), registry, "ผลจังหวัด.xlsx")
    assert plan.counts["new_results"] == 3 and plan.lines[2].overall == 88.1


LIST = """ผลการประเมิน ITA ประจำปี ๒๕๖๗ จังหวัดขอนแก่น
องค์การบริหารส่วนตำบลคอนนิม ได้คะแนน ๙๒.๕๐ คะแนน ระดับ A
ทต.โนนหัน ได้คะแนน ๘๘.๑๐ คะแนน ระดับ A
องค์การบริหารส่วนตำบลอีเซ ได้คะแนน ๗๙.๐๐ คะแนน ระดับ B
"""


def test_a_province_list_as_text_becomes_one_result_per_agency(registry):
    from prongsai.oversight.batch import lines_from_upload

    konnim = AgencyFactory(name="องค์การบริหารส่วนตำบลคอนนิม")
    lines = lines_from_upload(b"", "", LIST, None, "ขอนแก่น", registry)
    plan = queries.import_preview(lines, "ข้อความที่วาง", registry)
    assert [(line.agency_name, line.year, line.overall, line.grade) for line in plan.lines] == [
        ("องค์การบริหารส่วนตำบลคอนนิม", 2567, 92.5, "A"),
        ("เทศบาลตำบลโนนหัน", 2567, 88.1, "A"),
        ("องค์การบริหารส่วนตำบลอีเซ", 2567, 79.0, "B"),
    ]
    assert plan.lines[0].agency_id == konnim.pk and plan.counts["new_agencies"] == 2
    services.apply_import(plan=plan)
    standings = Standing.objects.filter(fiscal_year=2567).order_by("overall")
    assert [(s.agency.name, str(s.overall), s.grade, s.passed) for s in standings] == [
        ("องค์การบริหารส่วนตำบลอีเซ", "79.00", "B", False),
        ("เทศบาลตำบลโนนหัน", "88.10", "A", True),
        ("องค์การบริหารส่วนตำบลคอนนิม", "92.50", "A", True),
    ]
    assert Agency.objects.get(name="เทศบาลตำบลโนนหัน").province == "ขอนแก่น"


# Through an oversight body: a manager of the body imports, only for its agencies.
PROVINCE = """\
name,province,district,year,overall,grade
อบต.คอนนิม,ขอนแก่น,เวียงใหญ่,2565,92.42,A
ทต.โนนหัน,,ชนบท,2565,78.50,B
อบต.ท่าพระ,มหาสารคาม,,2565,60.00,D
อบต.หนองเรือ,จังหวัดมหาสารคาม,,2565,70.00,C
เทศบาลเมืองชุมแพ,จ. ขอนแก่น,ชุมแพ,2565,88.10,A
"""


@pytest.fixture
def khon_kaen():
    from tests.factories import UserFactory

    konnim = AgencyFactory(name="องค์การบริหารส่วนตำบลคอนนิม")  # ขอนแก่น
    AgencyFactory(name="องค์การบริหารส่วนตำบลท่าพระ", province="มหาสารคาม", district="เมือง")
    body = services.create_body(name="จังหวัดขอนแก่น", kind="province", province="ขอนแก่น")
    manager = UserFactory(username="manager", first_name="ประภา ท้องถิ่นจังหวัด")
    reader = UserFactory(username="reader")
    services.add_body_member(body=body, user=manager, role="manager")
    services.add_body_member(body=body, user=reader)
    return body, konnim, manager, reader


def log_in(client, user):
    from tests.factories import PASSWORD

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def upload(client, body, text=PROVINCE, name="ผลจังหวัด.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("oversight_import", args=[body.pk]), {"file": file})


def test_a_manager_imports_the_province_list_within_the_body(client, khon_kaen):
    body, konnim, manager, _reader = khon_kaen
    log_in(client, manager)
    preview = upload(client, body)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert plan.counts == {
        "new_agencies": 2,
        "matched_agencies": 1,
        "new_results": 3,
        "replaced_results": 0,
        "problems": 2,
    }
    assert [(line.label, line.problems) for line in plan.bad] == [
        (
            "ผลจังหวัด.csv แถวที่ 4",
            ["หน่วยงานนี้ไม่อยู่ในความดูแลของจังหวัดขอนแก่น / the agency is not overseen by จังหวัดขอนแก่น"],
        ),
        (
            "ผลจังหวัด.csv แถวที่ 5",
            [
                "จังหวัดมหาสารคาม อยู่นอกความดูแลของจังหวัดขอนแก่น / "
                "province จังหวัดมหาสารคาม is outside จังหวัดขอนแก่น"
            ],
        ),
    ]
    assert "ไม่อยู่ในความดูแลของจังหวัดขอนแก่น" in preview.content.decode()
    assert Assessment.objects.count() == 0

    saved = client.post(
        reverse("oversight_import", args=[body.pk]), {"payload": preview.context["payload"]}
    )
    assert saved.status_code == 302
    standings = Standing.objects.order_by("overall")
    assert [(s.agency.name, s.agency.province, s.district, str(s.overall)) for s in standings] == [
        ("เทศบาลตำบลโนนหัน", "ขอนแก่น", "ชนบท", "78.50"),
        ("เทศบาลเมืองชุมแพ", "ขอนแก่น", "ชุมแพ", "88.10"),
        ("องค์การบริหารส่วนตำบลคอนนิม", "ขอนแก่น", "เวียงใหญ่", "92.42"),
    ]
    assert not Agency.objects.filter(name="องค์การบริหารส่วนตำบลหนองเรือ").exists()
    assert not Assessment.objects.filter(agency__name="องค์การบริหารส่วนตำบลท่าพระ").exists()
    stored = Assessment.objects.get(agency=konnim)
    assert stored.results["source"] == {
        "file": "ผลจังหวัด.csv",
        "imported_by": "manager",
        "body": "จังหวัดขอนแก่น",
        "format": "batch",
        "line": "ผลจังหวัด.csv แถวที่ 2",
    }
    assert stored.source == "นำเข้าหลายหน่วยงาน (จังหวัดขอนแก่น): ผลจังหวัด.csv แถวที่ 2"
    board = queries.dashboard(body, 2565)
    assert (board.count, board.passed) == (3, 2)


def test_a_reader_of_the_body_imports_nothing(client, khon_kaen):
    body, _konnim, manager, reader = khon_kaen
    log_in(client, manager)
    payload = upload(client, body).context["payload"]
    client.post(reverse("logout"))
    log_in(client, reader)
    url = reverse("oversight_import", args=[body.pk])
    assert client.get(url).status_code == 403
    assert upload(client, body).status_code == 403
    assert client.post(url, {"payload": payload}).status_code == 403
    dashboard = client.get(reverse("oversight_body", args=[body.pk]))
    assert url not in dashboard.content.decode()  # no import link for a reader
    assert Assessment.objects.count() == 0 and Agency.objects.count() == 2


def test_a_manager_of_another_body_does_not_see_this_one(client, khon_kaen):
    body, _konnim, _manager, _reader = khon_kaen
    from tests.factories import UserFactory

    other = services.create_body(name="จังหวัดมหาสารคาม", kind="province", province="มหาสารคาม")
    stranger = UserFactory(username="stranger")
    services.add_body_member(body=other, user=stranger, role="manager")
    log_in(client, stranger)
    assert upload(client, body).status_code == 404
    assert client.get(reverse("oversight_import", args=[other.pk])).status_code == 200
    assert Assessment.objects.count() == 0


def test_a_body_of_some_kinds_creates_only_those(registry, khon_kaen):
    body = services.create_body(name="อบต.ในขอนแก่น", kind="group", province="ขอนแก่น", kinds=["sao"])
    lines = lines_from_rows(read_batch(PROVINCE.encode(), "p.csv"), "p.csv")
    plan = queries.import_preview(lines, "p.csv", registry, body=body)
    refused = {line.name: line.problems for line in plan.bad}
    assert refused["เทศบาลตำบลโนนหัน"] == [
        "อบต.ในขอนแก่น ไม่ได้ดูแลหน่วยงานประเภทเทศบาลตำบล / "
        "อบต.ในขอนแก่น does not oversee agencies of this kind (Subdistrict municipality)"
    ]
    assert [line.agency_name for line in plan.good] == ["องค์การบริหารส่วนตำบลคอนนิม"]


def test_a_listed_body_lists_the_agencies_its_import_creates(registry, khon_kaen):
    _body, konnim, _manager, _reader = khon_kaen
    group = services.create_body(name="กลุ่มต้นแบบ", kind="group", agencies=[konnim])
    table = "name,year,overall,grade\nอบต.คอนนิม,2566,91.00,A\nทต.บ้านใหม่,2566,86.00,A\n"
    lines = lines_from_rows(read_batch(table.encode(), "g.csv"), "g.csv")
    plan = queries.import_preview(lines, "g.csv", registry, body=group)
    assert plan.counts["new_agencies"] == 1 and plan.counts["problems"] == 0
    services.apply_import(plan=plan)
    assert set(queries.body_agencies(group).values_list("name", flat=True)) == {
        "เทศบาลตำบลบ้านใหม่",
        "องค์การบริหารส่วนตำบลคอนนิม",
    }
