"""An officer's daily work (issue 10): results for a year without an edition, progress
with evidence in one save, round dates, removing evidence, Thai error pages and
messages, refused values, returning a plan, and "my work"."""


import pytest
from django.urls import reverse

from prongsai.agencies.models import Assessment
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


def login(client, bench, role):
    client.force_login(bench.users[role])
    return client


# ---------------------------------------------------------------- 1. a year without an edition


def test_results_for_a_year_without_an_edition_keep_the_typed_values(client, bench):
    login(client, bench, "coordinator")
    data = {"fiscal_year": "2570", "ind_1": "91.5", "ind_9": "๘๔.๕๖", "overall": "88.2"}
    response = client.post(reverse("results_form", args=[bench.agency.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ไม่มีเกณฑ์การประเมินของปี 2570 (มีของปี 2563, 2564, 2565, 2566, 2567, 2568, 2569)" in page
    assert "prongsai framework import" in page
    assert 'value="2570"' in page and 'value="91.5"' in page and 'value="88.2"' in page
    assert not Assessment.objects.filter(fiscal_year=2570).exists()
