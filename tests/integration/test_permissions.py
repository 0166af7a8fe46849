"""The permission matrix: every URL × every role × own / other agency.

A member of another agency gets 404 (the data does not exist for them), a member
without the right gets 403, the anonymous are sent to log in, and nothing a refused
request asked for is changed.
"""

import pytest
from django.urls import reverse

from prongsai.agencies.models import Invitation, Membership
from prongsai.agencies.services import invite_member
from prongsai.plans.models import Evidence, Measure, ProgressEntry, ProgressRound
from tests.workbench import ROLES, build

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
EDITORS = {"admin", "coordinator"}
ADMIN = {"admin"}

# name, method, args (filled from the workbench), roles allowed
ENDPOINTS = [
    ("agency", "get", (), EVERYONE),
    ("results_year", "get", (2565,), EVERYONE),
    ("plan", "get", (2566,), EVERYONE),
    ("round", "get", (2566, 6), EVERYONE),
    ("documents", "get", (), EVERYONE),
    ("year_document", "get", (2565, "memo", "docx"), EVERYONE),
    ("plan_document", "get", (2566, "measures", "docx"), EVERYONE),
    ("round_document", "get", (2566, 6, "docx"), EVERYONE),
    ("evidence_file", "get", ("evidence",), EVERYONE),
    ("import_results", "get", (), EDITORS),
    ("results_form", "get", (), EDITORS),
    ("measure_new", "get", (2566,), EDITORS),
    ("measure", "get", (2566, 1), EDITORS),
    ("agency_settings", "get", (), ADMIN),
    ("members", "get", (), ADMIN),
    ("audit", "get", (), ADMIN),
    ("own_template", "get", ("memo",), ADMIN),
    ("entry", "get", (2566, 6, 2), EDITORS | {"unit_editor"}),  # measure 2 is กองคลัง's
    ("entry", "get", (2566, 6, 1), EDITORS),  # measure 1 is สำนักปลัด's
    ("suggest", "post", (2566,), EDITORS),
    ("measure_delete", "post", (2566, 1), EDITORS),
    ("plan_step", "post", (2566, "reopen"), EDITORS),
    ("plan_step", "post", (2566, "approve"), {"executive"}),
    ("plan_step", "post", (2566, "publish"), EDITORS),
    ("plan_return", "post", (2566,), {"executive"}),
    ("round_open", "post", (2566,), EDITORS),
    ("round_publish", "post", (2566, 6), EDITORS),
    ("round_date", "post", (2566, 6), EDITORS),
    ("round_delete", "post", (2566, 6), EDITORS),
    ("results_publish", "post", (2565,), EDITORS),
    ("entry", "post", (2566, 6, 2), EDITORS | {"unit_editor"}),
    ("entry", "post", (2566, 6, 1), EDITORS),
    ("evidence_delete", "post", ("evidence",), EDITORS | {"unit_editor"}),  # กองคลัง's
    ("upload_template", "post", ("memo",), ADMIN),
    ("remove_template", "post", ("memo",), ADMIN),
    ("remove_member", "post", ("membership",), ADMIN),
    ("withdraw_invitation", "post", ("invitation",), ADMIN),
    ("members", "post", (), ADMIN),  # an invitation
]
POST_DATA = {
    "round_open": {"months": "12", "as_of": "30/09/2566"},
    "entry": {"status": "in_progress", "evidence_url": "https://example.go.th/ita/o1"},
    "round_publish": {"publish": "1"},
    "round_date": {"as_of": "15/03/2566"},
    "round_delete": {"confirm": "yes"},
    "plan_return": {"comment": "เพิ่มมาตรการเรื่องการเปิดเผยข้อมูล"},
    "results_publish": {"publish": "1"},
    "members": {"action": "invite", "invite-username": "outsider", "invite-role": "admin"},
}


@pytest.fixture
def world():
    own, other = build(), build("เทศบาลตำบลโนนหัน", prefix="other-")
    for workbench in (own, other):
        invite_member(agency=workbench.agency, username="newcomer", role="viewer", by=None)
    return {"own": own, "other": other}


def url_for(workbench, name, args):
    filled = []
    for arg in args:
        if arg == "evidence":
            arg = Evidence.objects.filter(entry__round__plan=workbench.plan).first().pk
        elif arg == "membership":
            arg = Membership.objects.get(agency=workbench.agency, role="viewer").pk
        elif arg == "invitation":
            arg = Invitation.objects.get(agency=workbench.agency).pk
        filled.append(arg)
    return reverse(name, args=[workbench.agency.pk, *filled])


def snapshot():
    return (
        Measure.objects.count(),
        list(ProgressEntry.objects.values_list("status", flat=True)),
        Evidence.objects.count(),
        Membership.objects.count(),
        sorted(Invitation.objects.values_list("username", "role", "state")),
        sorted(ProgressRound.objects.values_list("months", "as_of")),
        sorted(Measure.objects.values_list("plan__status", "plan__published")),
    )


def call(client, method, url, name):
    if method == "get":
        return client.get(url)
    return client.post(url, POST_DATA.get(name, {}))


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
    else:
        assert response.status_code == 403, (role, name, response.status_code)
        assert snapshot() == before  # a refused request changes nothing


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_nothing_leaks_across_agencies(client, world, name, method, args, allowed):
    client.force_login(world["other"].users["admin"])  # the other agency's administrator
    before = snapshot()
    response = call(client, method, url_for(world["own"], name, args), name)
    assert response.status_code == 404, (name, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_the_anonymous_are_sent_to_log_in(client, world, name, method, args, allowed):
    response = call(client, method, url_for(world["own"], name, args), name)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_posts_need_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["own"].users["coordinator"])
    response = client.post(reverse("suggest", args=[world["own"].agency.pk, 2566]))
    assert response.status_code == 403


def test_home_lists_only_the_users_agencies(client, world):
    client.force_login(world["own"].users["viewer"])
    page = client.get(reverse("home")).content.decode()
    assert "องค์การบริหารส่วนตำบลคอนนิม" in page and "เทศบาลตำบลโนนหัน" not in page


def test_a_provincial_officer_sees_every_agency_they_belong_to(client, world):
    officer = world["other"].users["viewer"]
    Membership.objects.create(user=officer, agency=world["own"].agency, role="viewer")
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert "องค์การบริหารส่วนตำบลคอนนิม" in page and "เทศบาลตำบลโนนหัน" in page
