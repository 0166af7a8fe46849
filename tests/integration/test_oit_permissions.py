"""The permission matrix of the OIT workspace: every URL × every role × own / other
agency. A member of another agency gets 404, a member without the right 403, the
anonymous are sent to log in, and a refused request changes nothing."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prongsai.jobs.models import Job
from prongsai.oit import services
from prongsai.oit.models import Answer, Attachment, Comment, LinkCheck, Workspace
from tests.oit_bench import YEAR, open_year
from tests.workbench import PDF_BYTES, ROLES, build

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
EDITORS = {"admin", "coordinator"}
UNIT = EDITORS | {"unit_editor"}  # O21 is assigned to กองคลัง, the unit editor's unit

ENDPOINTS = [
    ("oit_home", "get", (), EVERYONE),
    ("oit", "get", (YEAR,), EVERYONE),
    ("oit", "get", (YEAR + 1,), EVERYONE),  # not opened yet
    ("oit_item", "get", (YEAR, "O1"), EVERYONE),
    ("oit_sheet", "get", (YEAR, "xlsx"), EVERYONE),
    ("oit_sheet", "get", (YEAR, "csv"), EVERYONE),
    ("oit_memo", "get", (YEAR, "docx"), EVERYONE),
    ("oit_memo", "get", (YEAR, "pdf"), EVERYONE),
    ("oit_attachment", "get", ("attachment",), EVERYONE),
    ("oit_open", "post", (YEAR + 1,), EDITORS),
    ("oit_item", "post", (YEAR, "O21"), UNIT),
    ("oit_item", "post", (YEAR, "O1"), EDITORS),
    ("oit_assign", "post", (YEAR, "O1"), EDITORS),
    ("oit_step", "post", (YEAR, "O21", "review"), EDITORS),
    ("oit_step", "post", (YEAR, "O21", "return"), EDITORS),
    ("oit_step", "post", (YEAR, "O22", "approve"), {"executive"}),
    ("oit_approve_reviewed", "post", (YEAR,), {"executive"}),
    ("oit_comment", "post", (YEAR, "O21"), UNIT | {"executive"}),
    ("oit_comment", "post", (YEAR, "O1"), EDITORS | {"executive"}),
    ("oit_attach", "post", (YEAR, "O21"), UNIT),
    ("oit_attach", "post", (YEAR, "O1"), EDITORS),
    ("oit_links_check", "post", (YEAR,), EDITORS),
    ("oit_item_links_check", "post", (YEAR, "O21"), UNIT),
    ("oit_item_links_check", "post", (YEAR, "O1"), EDITORS),
    ("oit_snapshot", "get", ("link_check",), EVERYONE),
]
POST_DATA = {
    "oit_item": {"available": "yes", "urls": "https://konnim.go.th/ita/x", "explanation": "x"},
    "oit_assign": {"due": "31/03/2566"},
    "oit_step": {"text": "แก้ไข"},
    "oit_comment": {"text": "ความเห็น"},
}


def own_year(bench):
    workspace = open_year(bench)
    coordinator = bench.users["coordinator"]
    o21 = workspace.answers.get(code="O21")
    services.assign(answer=o21, unit=bench.finance, assignee=None, due=None)
    services.fill(answer=o21, values={"available": False}, user=coordinator)
    o22 = workspace.answers.get(code="O22")
    services.fill(answer=o22, values={"available": False}, user=coordinator)
    services.review(answer=o22, user=coordinator)
    services.add_attachment(
        answer=workspace.answers.get(code="O1"),
        user=coordinator,
        upload=SimpleUploadedFile("ผัง.pdf", PDF_BYTES),
    )
    o23 = workspace.answers.get(code="O23")  # approved: the publication memo has an item
    services.fill(answer=o23, values={"available": False}, user=coordinator)
    services.review(answer=o23, user=coordinator)
    services.approve(answer=o23, user=bench.users["executive"])
    LinkCheck.objects.create(
        answer=o23,
        url="https://konnim.go.th/ita/o23",
        verdict="ok",
        checked=timezone.now(),
        snapshot=default_storage.save("links/test/o23.bin", ContentFile(b"<html></html>")),
    )
    return bench


@pytest.fixture
def world():
    return {
        "own": own_year(build()),
        "other": own_year(build("เทศบาลตำบลโนนหัน", prefix="other-")),
    }


def url_for(bench, name, args):
    filled = []
    for arg in args:
        if arg == "attachment":
            arg = Attachment.objects.get(answer__workspace__agency=bench.agency).pk
        if arg == "link_check":
            arg = LinkCheck.objects.get(answer__workspace__agency=bench.agency).pk
        filled.append(arg)
    return reverse(name, args=[bench.agency.pk, *filled])


def snapshot():
    return (
        Workspace.objects.count(),
        sorted(
            Answer.objects.values_list(
                "workspace_id", "code", "status", "urls", "unit_id", "due", "approved"
            )
        ),
        Comment.objects.count(),
        Attachment.objects.count(),
        Job.objects.count(),
    )


def call(client, method, url, name):
    if method == "get":
        return client.get(url)
    data = dict(POST_DATA.get(name, {}))
    if name == "oit_attach":
        data["file"] = SimpleUploadedFile("หลักฐาน.pdf", PDF_BYTES)
    return client.post(url, data)


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
@pytest.mark.parametrize("role", ROLES)
def test_role_matrix_on_own_agency(client, world, role, name, method, args, allowed):
    own = world["own"]
    client.force_login(own.users[role])
    before = snapshot()
    response = call(client, method, url_for(own, name, args), name)
    if role in allowed:
        assert response.status_code in (200, 302), (role, name, response.status_code)
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
        if method == "post":
            assert snapshot() != before, (role, name)  # it did what was asked
    else:
        assert response.status_code == 403, (role, name, response.status_code)
        assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_nothing_leaks_across_agencies(client, world, name, method, args, allowed):
    client.force_login(world["other"].users["admin"])
    before = snapshot()
    response = call(client, method, url_for(world["own"], name, args), name)
    assert response.status_code == 404, (name, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_the_anonymous_are_sent_to_log_in(client, world, name, method, args, allowed):
    response = call(client, method, url_for(world["own"], name, args), name)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_unit_editor_cannot_reach_another_agencys_attachment_by_id(client, world):
    client.force_login(world["own"].users["unit_editor"])
    other = Attachment.objects.get(answer__workspace__agency=world["other"].agency).pk
    response = client.get(reverse("oit_attachment", args=[world["own"].agency.pk, other]))
    assert response.status_code == 404
