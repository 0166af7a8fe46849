"""Editions on the web: a system administrator copies the latest edition into a new
year, corrects the OIT grouping, publishes it, and every agency's results use it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from prongsai import library
from prongsai.agencies.services import save_assessment
from prongsai.editions.models import EditionDraft
from prongsai.engine import analyze, parse_results
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    """Published editions go to DATA_DIR: each test gets its own."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path))


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(username="sysadmin", is_staff=True))
    return client


def form_data(page):
    """The POST the edit page would send back unchanged."""
    data = {}
    for formset in (page.context["subs"], page.context["items"]):
        data.update(
            {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        )
        for form in formset.forms:
            for name in form.fields:
                if name == "DELETE":
                    continue
                value = form.initial.get(name, "")
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def test_only_system_administrators_see_editions(client):
    client.force_login(UserFactory(username="officer"))
    assert client.get(reverse("editions")).status_code == 404
    assert client.post(reverse("edition_start", args=["nacc-2569"])).status_code == 404


def test_a_new_year_from_the_latest_edition_published_for_every_agency(staff):
    reply = staff.post(reverse("editions"), {"source_key": "nacc-2569", "fiscal_year": 2570})
    assert reply.status_code == 302
    draft = EditionDraft.objects.get(key="nacc-2570")
    assert draft.based_on == "nacc-2569" and draft.status == "draft"
    page = staff.get(reverse("edition", args=["nacc-2570"]))
    assert page.context["problems"] == []
    data = form_data(page)
    # NACC's 2570 manual (say) moves O19 from 9.6 into 9.5 and drops 9.6.
    subs = page.context["subs"]
    index = next(i for i, f in enumerate(subs.forms) if f.initial.get("code") == "9.6")
    data[f"subs-{index}-DELETE"] = "on"
    items = page.context["items"]
    o19 = next(i for i, f in enumerate(items.forms) if f.initial.get("code") == "O19")
    data[f"items-{o19}-sub_indicator"] = "9.5"
    data[f"items-{o19}-confidence"] = "verified"
    assert staff.post(reverse("edition", args=["nacc-2570"]), data).status_code == 302
    assert staff.post(reverse("edition_publish", args=["nacc-2570"])).status_code == 302
    framework = library.registry().get("nacc-2570")
    assert framework.item_by_code["O19"].sub_indicator == "9.5"
    assert "9.6" not in framework.sub_indicator_by_code
    assert framework.item_by_code["O19"].previous_codes == ("O19",)
    # An agency's 2570 results are scored with it at once.
    agency = AgencyFactory()
    document = {
        "fiscal_year": 2570,
        "indicators": {str(n): 90 for n in range(1, 9)},
        "oit_items": {item.code: 100 for item in framework.oit_items} | {"O19": 0},
    }
    assessment = save_assessment(agency=agency, document=document)
    assert assessment.framework == "nacc-2570"
    failed = analyze(framework, parse_results(document)).oit_failed[0]
    # 40 % OIT / 2 indicators / 5 sub-indicators of indicator 9 / 4 items in 9.5
    assert (failed.code, failed.points_if_fixed) == ("O19", Decimal("1.00"))


def test_a_broken_grouping_is_kept_as_a_draft_and_not_published(staff):
    staff.post(reverse("edition_start", args=["nacc-2568"]))
    page = staff.get(reverse("edition", args=["nacc-2568"]))
    data = form_data(page)
    items = page.context["items"]
    o1 = next(i for i, f in enumerate(items.forms) if f.initial.get("code") == "O1")
    data[f"items-{o1}-sub_indicator"] = "9.9"
    staff.post(reverse("edition", args=["nacc-2568"]), data)
    page = staff.get(reverse("edition", args=["nacc-2568"]))
    assert any("9.9" in p for p in page.context["problems"])
    staff.post(reverse("edition_publish", args=["nacc-2568"]))
    assert EditionDraft.objects.get(key="nacc-2568").status == "draft"
    assert library.registry().paths["nacc-2568"].parent == library.BUILTIN_DIR


def test_correcting_a_built_in_grouping_wins_over_the_file(staff):
    staff.post(reverse("edition_start", args=["nacc-2568"]))
    page = staff.get(reverse("edition", args=["nacc-2568"]))
    data = form_data(page)
    items = page.context["items"]
    o20 = next(i for i, f in enumerate(items.forms) if f.initial.get("code") == "O20")
    data[f"items-{o20}-sub_indicator"] = "9.5"
    subs = page.context["subs"]
    index = next(i for i, f in enumerate(subs.forms) if f.initial.get("code") == "9.6")
    data[f"subs-{index}-DELETE"] = "on"
    staff.post(reverse("edition", args=["nacc-2568"]), data)
    staff.post(reverse("edition_publish", args=["nacc-2568"]))
    registry = library.registry()
    assert registry.paths["nacc-2568"].parent == library.edited_frameworks_dir()
    assert registry.get("nacc-2568").item_by_code["O20"].sub_indicator == "9.5"


def test_a_workbook_becomes_a_draft(staff, tmp_path):
    from prongsai.engine.yamlio import load_yaml
    from prongsai.importers.framework_xlsx import write_workbook

    data = load_yaml(library.registry().paths["nacc-2569"].read_text(encoding="utf-8"))
    data["key"], data["fiscal_year"] = "nacc-2571", 2571
    path = tmp_path / "2571.xlsx"
    write_workbook(data, path)
    with path.open("rb") as upload:
        reply = staff.post(reverse("edition_upload"), {"file": upload})
    assert reply.status_code == 302 and reply["Location"].endswith("/editions/nacc-2571/")
    assert EditionDraft.objects.get(key="nacc-2571").fiscal_year == 2571
    workbook = staff.get(reverse("edition_workbook", args=["nacc-2571"]))
    assert workbook.content[:2] == b"PK"
