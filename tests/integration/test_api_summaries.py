"""The API's summaries: an agency's pulse surveys (nothing below the minimum of answers)
and an oversight body's year, to the body's members only."""

from __future__ import annotations

import pytest
from django.test import Client

from prongsai.api.tokens import create_token
from tests.factories import MembershipFactory, UserFactory
from tests.integration.test_oversight import province  # noqa: F401 - a fixture
from tests.integration.test_surveys import answer_everything, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def test_surveys_say_nothing_below_the_minimum_then_give_the_engines_scores(client, survey):  # noqa: F811
    user = UserFactory(username="somsri")
    MembershipFactory(user=user, agency=survey.agency, role="coordinator")
    _token, plain = create_token(user=user, name="t", scope="read", agency_ids=[survey.agency_id])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    url = f"/api/v1/agencies/{survey.agency_id}/surveys"
    first = client.get(url, **auth).json()[0]
    assert (first["tool"], first["answers"], first["withheld"], first["indicators"]) == (
        "IIT",
        0,
        True,
        {},
    )
    for _ in range(5):
        answer_everything(Client(), survey)
    listed = client.get(url, **auth).json()[0]
    assert listed["answers"] == 5 and listed["withheld"] is False
    assert listed["indicators"] == {"1": 100.0, "2": 100.0, "3": 100.0, "4": 100.0, "5": 100.0}
    assert listed["predicted_grade"] is not None


def test_a_body_year_for_its_members_only(client, province):  # noqa: F811
    body, officer, _konnim = province
    client.force_login(officer)
    year = client.get(f"/api/v1/oversight/{body.pk}/2566").json()
    assert (year["agencies"], year["fiscal_year"]) == (3, 2566)
    assert year["passed"] == 1 and year["grades"] == {"AA": 1, "B": 2}
    client.force_login(UserFactory(username="stranger"))
    assert client.get(f"/api/v1/oversight/{body.pk}/2566").status_code == 404
