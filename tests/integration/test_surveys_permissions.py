"""The permission matrix of the pulse-survey pages: every URL × every role × own / other
agency (like test_permissions.py). Administrators and coordinators manage surveys and
hand out links, posters, codes and exports; every member sees the results."""

import pytest
from django.urls import reverse

from prongsai.surveys import services
from prongsai.surveys.models import AccessCode, Survey
from tests.workbench import ROLES, build

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
EDITORS = {"admin", "coordinator"}

ENDPOINTS = [
    ("surveys", "get", (), EVERYONE),
    ("survey", "get", ("survey",), EVERYONE),
    ("surveys", "post", (), EDITORS),
    ("survey_settings", "post", ("survey",), EDITORS),
    ("survey_status", "post", ("survey", "close"), EDITORS),
    ("survey_qr", "get", ("survey", "svg"), EDITORS),
    ("survey_qr", "get", ("survey", "png"), EDITORS),
    ("survey_poster", "get", ("survey",), EDITORS),
    ("survey_codes", "get", ("survey",), EDITORS),
    ("survey_codes", "post", ("survey",), EDITORS),
    ("survey_export", "get", ("survey", "csv"), EDITORS),
    ("survey_export", "get", ("survey", "xlsx"), EDITORS),
    ("survey_suggest", "post", ("survey",), EDITORS),
]
POST_DATA = {
    "surveys": {"tool": "EIT", "fiscal_year": "2566", "population": "300"},
    "survey_settings": {"population": "80", "min_answers": "5"},
    "survey_codes": {"count": "3"},
}


@pytest.fixture
def world():
    worlds = {"own": build(), "other": build("เทศบาลตำบลโนนหัน", prefix="other-")}
    for w in worlds.values():
        w.survey = services.create_survey(agency=w.agency, tool="IIT", fiscal_year=2566)
        services.change_status(survey=w.survey, step="open")
    return worlds


def url_for(workbench, name, args):
    filled = [workbench.survey.pk if a == "survey" else a for a in args]
    return reverse(name, args=[workbench.agency.pk, *filled])


def snapshot():
    return (
        sorted(Survey.objects.values_list("tool", "status", "population")),
        AccessCode.objects.count(),
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
        assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_nothing_leaks_across_agencies(client, world, name, method, args, allowed):
    client.force_login(world["other"].users["admin"])
    before = snapshot()
    response = call(client, method, url_for(world["own"], name, args), name)
    assert response.status_code == 404, (name, response.status_code)
    assert snapshot() == before


def test_a_survey_of_another_agency_under_ones_own_is_a_404(client, world):
    client.force_login(world["own"].users["admin"])
    url = reverse("survey", args=[world["own"].agency.pk, world["other"].survey.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("name", "method", "args", "allowed"), ENDPOINTS, ids=lambda v: str(v))
def test_the_anonymous_are_sent_to_log_in(client, world, name, method, args, allowed):
    response = call(client, method, url_for(world["own"], name, args), name)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_poster_is_an_a4_pdf_with_the_link(client, world):
    import io

    from pypdf import PdfReader

    client.force_login(world["own"].users["coordinator"])
    response = client.get(url_for(world["own"], "survey_poster", ("survey",)))
    assert response["Content-Type"] == "application/pdf"
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text().replace("\n", "")
    assert world["own"].survey.token in text
    assert "ไม่ใช่การประเมิน" in text
