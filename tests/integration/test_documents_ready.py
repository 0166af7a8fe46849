"""Documents ready to sign and pages usable on every screen (issue 10, sections 3–4)."""

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse

from prongsai.agencies import services as agency_services
from prongsai.plans import services
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_public_document_title_is_plain_text(client, bench):
    services.publish_plan(plan=bench.plan, published=True)
    page = client.get(reverse("public_measures", args=[bench.agency.pk, 2566])).content.decode()
    assert title_of(page) == (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
    )


def test_public_document_pages_fit_a_phone(client, bench):
    services.publish_plan(plan=bench.plan, published=True)
    agency_services.publish_assessment(assessment=bench.agency.assessments.get(), published=True)
    for url in (
        reverse("public_measures", args=[bench.agency.pk, 2566]),
        reverse("public_analysis", args=[bench.agency.pk, 2565]),
    ):
        page = client.get(url).content.decode()
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        tables = page.count("<table")
        assert tables and page.count('<div class="scroll"><table') == page.count("<table")


def test_signed_in_pages_load_the_vendored_sarabun(client, bench):
    client.force_login(bench.users["viewer"])
    for url in (reverse("home"), reverse("agency", args=[bench.agency.pk])):
        page = client.get(url).content.decode()
        for weight in ("Regular", "Bold"):
            assert f'url("{static(f"fonts/Sarabun-{weight}.ttf")}")' in page
    assert 'font-family: "Sarabun"' in page
