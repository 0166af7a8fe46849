"""OIT items in "my work" (each role what waits for it, overdue highlighted, counted in the
header with one query), and the publication memo not offered before an approval."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.oit import queries, services
from prongsai.plans.queries import my_work
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


@pytest.fixture
def workspace(bench):
    return services.open_workspace(agency=bench.agency, fiscal_year=queries.coming_year())


def _fill(answer, user):
    services.fill(answer=answer, values={"available": True, "urls": "https://x.go.th/a"}, user=user)


def test_each_role_sees_the_oit_items_waiting_for_it(client, bench, workspace):
    today = timezone.localdate()
    users = bench.users
    late, later, filled, reviewed = (
        workspace.answers.get(code=c) for c in ("O1", "O2", "O3", "O4")
    )
    services.assign(answer=late, unit=bench.finance, assignee=None, due=today - timedelta(days=3))
    services.assign(answer=later, unit=bench.finance, assignee=None, due=today + timedelta(days=9))
    _fill(filled, users["coordinator"])
    _fill(reviewed, users["coordinator"])
    services.review(answer=reviewed, user=users["coordinator"])

    editor = my_work(users["unit_editor"], today).oit
    assert [(w.answer.code, w.overdue) for w in editor.to_fill] == [("O1", True), ("O2", False)]
    assert editor.to_review == [] and editor.to_approve == []
    coordinator = my_work(users["coordinator"], today).oit
    assert [w.answer.code for w in coordinator.to_review] == ["O3"]
    assert coordinator.to_fill == []
    executive = my_work(users["executive"], today).oit
    assert [w.answer.code for w in executive.to_approve] == ["O4"]
    assert my_work(users["viewer"], today).oit.count == 0

    client.force_login(users["unit_editor"])
    page = client.get(reverse("my_work")).content.decode()
    table = page.split("ข้อ OIT ที่ต้องกรอก")[1].split("</table>")[0]
    assert table.count('<tr class="overdue">') == 1 and "O1 " in table and "O2 " in table
    assert client.get(reverse("my_work")).context["work"].count == 2 + len(
        my_work(users["unit_editor"], today).unfinished
    )
    _fill(late, users["unit_editor"])  # filled: no longer waiting for the unit
    assert [w.answer.code for w in my_work(users["unit_editor"], today).oit.to_fill] == ["O2"]


def test_an_earlier_years_items_do_not_wait(bench, workspace):
    earlier = services.open_workspace(agency=bench.agency, fiscal_year=workspace.fiscal_year - 1)
    services.assign(
        answer=earlier.answers.get(code="O1"), unit=bench.finance, assignee=None, due=None
    )
    assert my_work(bench.users["unit_editor"], timezone.localdate()).oit.count == 0


def test_the_header_counts_oit_work_in_one_query(bench, workspace, django_assert_num_queries):
    for answer in workspace.answers.all()[:10]:
        services.assign(answer=answer, unit=bench.finance, assignee=None, due=date(2000, 1, 1))
    work = my_work(bench.users["unit_editor"], timezone.localdate()).oit
    with django_assert_num_queries(1):
        assert work.count == 10


def test_the_memo_waits_for_an_approved_item(client, bench, workspace):
    client.force_login(bench.users["executive"])
    year = workspace.fiscal_year
    page = client.get(reverse("oit", args=(bench.agency.pk, year))).content.decode()
    assert "ออกได้เมื่อผู้บริหารอนุมัติอย่างน้อยหนึ่งข้อ" in page
    assert reverse("oit_memo", args=(bench.agency.pk, year, "docx")) not in page
    refused = client.get(reverse("oit_memo", args=(bench.agency.pk, year, "docx")))
    assert refused.status_code == 409 and "ยังไม่มีข้อใดได้รับอนุมัติ" in refused.content.decode()

    answer = workspace.answers.get(code="O1")
    _fill(answer, bench.users["coordinator"])
    services.review(answer=answer, user=bench.users["coordinator"])
    services.approve(answer=answer, user=bench.users["executive"])
    page = client.get(reverse("oit", args=(bench.agency.pk, year))).content.decode()
    assert reverse("oit_memo", args=(bench.agency.pk, year, "docx")) in page
    memo = client.get(reverse("oit_memo", args=(bench.agency.pk, year, "docx")))
    assert memo.status_code == 200 and memo.content.startswith(b"PK")
