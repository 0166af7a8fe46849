"""The permission matrix for oversight: a member of a body — reader or manager — reads
the agencies the body oversees exactly as their own viewers would, changes nothing of
theirs (plans, rounds, documents, OIT, surveys), and sees nothing outside the body
(404). A manager's one write, the import of results, is in test_oversight_import.py."""

import pytest
from django.urls import reverse

from prongsai.agencies.models import Agency
from prongsai.agencies.services import invite_member
from prongsai.oversight import services
from prongsai.surveys import services as survey_services
from tests.factories import UserFactory
from tests.integration import test_oit_permissions, test_permissions, test_surveys_permissions
from tests.workbench import build

pytestmark = pytest.mark.django_db


def _with_survey(bench):
    bench.survey = survey_services.create_survey(agency=bench.agency, tool="IIT", fiscal_year=2566)
    survey_services.change_status(survey=bench.survey, step="open")
    return bench


# Each agency matrix (its URLs, how to fill them, what a refused request must not
# change) and how its agencies are prepared.
MATRICES = {
    "workbench": (test_permissions, lambda bench: bench),
    "oit": (test_oit_permissions, test_oit_permissions.own_year),
    "surveys": (test_surveys_permissions, _with_survey),
}
ROLES = ("reader", "manager")


def world_for(matrix: str, role: str) -> dict:
    prepare = MATRICES[matrix][1]
    own = prepare(build())  # อบต.คอนนิม, ขอนแก่น
    other = prepare(build("เทศบาลตำบลโนนหัน", prefix="other-"))
    Agency.objects.filter(pk=other.agency.pk).update(province="มหาสารคาม")
    for workbench in (own, other):  # the matrix withdraws one
        invite_member(agency=workbench.agency, username="newcomer", role="viewer", by=None)
    officer = UserFactory(username="officer", first_name="ประภา ท้องถิ่นจังหวัด")
    body = services.create_body(name="จังหวัดขอนแก่น", kind="province", province="ขอนแก่น")
    services.add_body_member(body=body, user=officer, role=role)
    return {"own": own, "other": other, "officer": officer, "body": body}


def refusals(client, matrix: str, bench, expect) -> list:
    """Every URL of the matrix on one agency: what came back where `expect` says
    otherwise, and every refused request that changed something."""
    module = MATRICES[matrix][0]
    wrong = []
    for name, method, args, allowed in module.ENDPOINTS:
        before = module.snapshot()
        response = module.call(client, method, module.url_for(bench, name, args), name)
        wanted = expect(allowed)
        if response.status_code not in wanted:
            wrong.append((name, method, args, response.status_code))
        if response.status_code >= 400 and module.snapshot() != before:
            wrong.append((name, method, args, "changed"))
    return wrong


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("matrix", MATRICES)
def test_a_body_member_is_a_viewer_of_the_bodys_agencies(client, matrix, role):
    world = world_for(matrix, role)
    client.force_login(world["officer"])

    def as_viewer(allowed):
        return (200, 302) if "viewer" in allowed else (403,)

    assert refusals(client, matrix, world["own"], as_viewer) == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("matrix", MATRICES)
def test_a_body_member_sees_nothing_outside_the_body(client, matrix, role):
    world = world_for(matrix, role)
    client.force_login(world["officer"])
    assert refusals(client, matrix, world["other"], lambda allowed: (404,)) == []


@pytest.fixture
def world():
    return world_for("workbench", "reader")


def test_a_listed_agency_is_overseen_too(client, world):
    world["body"].agencies.add(world["other"].agency)
    client.force_login(world["officer"])
    response = client.get(reverse("results_year", args=[world["other"].agency.pk, 2565]))
    assert response.status_code == 200
    assert "เทศบาลตำบลโนนหัน" in response.content.decode()


def test_a_district_body_sees_only_its_district(client, world):
    district = services.create_body(
        name="อำเภอเมืองขอนแก่น", kind="district", province="ขอนแก่น", district="เมืองขอนแก่น"
    )
    clerk = UserFactory(username="clerk")
    services.add_body_member(body=district, user=clerk)
    client.force_login(clerk)
    assert client.get(reverse("agency", args=[world["own"].agency.pk])).status_code == 404
    Agency.objects.filter(pk=world["own"].agency.pk).update(district="เมืองขอนแก่น")
    assert client.get(reverse("agency", args=[world["own"].agency.pk])).status_code == 200


def test_leaving_the_body_ends_the_access(client, world):
    services.remove_body_member(body=world["body"], user=world["officer"])
    client.force_login(world["officer"])
    assert client.get(reverse("agency", args=[world["own"].agency.pk])).status_code == 404


def test_a_site_administrator_sets_up_a_body_in_the_admin(client, world, django_user_model):
    from prongsai.oversight.models import BodyMember

    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    viewer = world["other"].users["viewer"]
    response = client.post(
        reverse("admin:oversight_body_add"),
        {
            "name": "อำเภอเวียงใหญ่",
            "kind": "district",
            "province": "ขอนแก่น",
            "district": "เวียงใหญ่",
            "kinds": "[]",
            "bodymember_set-TOTAL_FORMS": "1",
            "bodymember_set-INITIAL_FORMS": "0",
            "bodymember_set-0-user": viewer.pk,
            "bodymember_set-0-role": "manager",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = BodyMember.objects.get(body__name="อำเภอเวียงใหญ่")
    assert (member.user, member.role) == (viewer, "manager")
    client.force_login(viewer)  # โนนหัน's viewer now oversees คอนนิม
    assert client.get(reverse("agency", args=[world["own"].agency.pk])).status_code == 200
