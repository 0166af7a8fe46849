"""The permission matrix for oversight: a member of a body reads the agencies the
body oversees exactly as their own viewers would, changes nothing, and sees nothing
outside the body (404)."""

import pytest
from django.urls import reverse

from prongsai.agencies.models import Agency
from prongsai.agencies.services import invite_member
from prongsai.oversight import services
from tests.factories import UserFactory
from tests.integration.test_permissions import ENDPOINTS, call, snapshot, url_for
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    own = build()  # อบต.คอนนิม, ขอนแก่น
    other = build("เทศบาลตำบลโนนหัน", prefix="other-")
    Agency.objects.filter(pk=other.agency.pk).update(province="มหาสารคาม")
    for workbench in (own, other):  # the matrix withdraws one
        invite_member(agency=workbench.agency, username="newcomer", role="viewer", by=None)
    officer = UserFactory(username="officer", first_name="ประภา ท้องถิ่นจังหวัด")
    body = services.create_body(name="จังหวัดขอนแก่น", kind="province", province="ขอนแก่น")
    services.add_body_member(body=body, user=officer)
    return {"own": own, "other": other, "officer": officer, "body": body}


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_a_body_member_is_a_viewer_of_the_bodys_agencies(
    client, world, name, method, args, allowed
):
    client.force_login(world["officer"])
    before = snapshot()
    response = call(client, method, url_for(world["own"], name, args), name)
    if "viewer" in allowed:
        assert response.status_code in (200, 302), (name, response.status_code)
    else:
        assert response.status_code == 403, (name, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_a_body_member_sees_nothing_outside_the_body(client, world, name, method, args, allowed):
    client.force_login(world["officer"])
    before = snapshot()
    response = call(client, method, url_for(world["other"], name, args), name)
    assert response.status_code == 404, (name, response.status_code)
    assert snapshot() == before


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
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    response = client.post(
        reverse("admin:oversight_body_add"),
        {
            "name": "อำเภอเวียงใหญ่",
            "kind": "district",
            "province": "ขอนแก่น",
            "district": "เวียงใหญ่",
            "kinds": "[]",
            "members": [world["other"].users["viewer"].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(world["other"].users["viewer"])  # โนนหัน's viewer now oversees คอนนิม
    assert client.get(reverse("agency", args=[world["own"].agency.pk])).status_code == 200
