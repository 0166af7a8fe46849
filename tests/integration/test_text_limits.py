"""Every text people type has a length limit, enforced by the form (a Thai message), by
the services (a Thai message) and by the database (a check constraint): 250,000
characters pasted into a progress report are refused, not stored."""

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from prongsai.agencies.models import Person
from prongsai.plans import services
from prongsai.plans.models import Measure, ProgressEntry
from prongsai.plans.services import PlanError
from tests.workbench import build

pytestmark = pytest.mark.django_db
HUGE = "ก" * 250_000


# Written by the app itself from stored results, never typed: the oversight standings.
DERIVED = {"oversight.Standing"}


def project_text_fields():
    for config in apps.get_app_configs():
        if config.name.startswith("prongsai."):
            for model in config.get_models():
                if model._meta.label in DERIVED:
                    continue
                for field in model._meta.concrete_fields:
                    if isinstance(field, models.TextField):
                        yield model, field


def test_every_text_field_has_a_limit_and_a_database_check():
    found = {(m.__name__, f.name): f.max_length for m, f in project_text_fields()}
    assert found == {
        ("Person", "positions"): 600,
        ("MeasureTemplate", "steps"): 4000,
        ("Measure", "steps"): 4000,
        ("ProgressEntry", "done"): 4000,
        ("ProgressEntry", "problems"): 2000,
        ("ProgressEntry", "solutions"): 2000,
        ("ProgressEntry", "reason"): 1000,
        ("DocumentTexts", "introduction"): 4000,
        ("DocumentTexts", "recommendations"): 8000,
        ("DocumentTexts", "limitations"): 4000,
        ("PlanReturn", "comment"): 2000,
        ("Answer", "urls"): 4000,
        ("Answer", "explanation"): 2000,
        ("Comment", "text"): 2000,
        ("EditionDraft", "data"): 500_000,
    }
    for model, field in project_text_fields():
        names = {c.name for c in model._meta.constraints}
        assert f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_length" in names


def test_progress_form_refuses_250000_characters_in_thai(client):
    bench = build()
    client.force_login(bench.users["coordinator"])
    url = reverse("entry", args=[bench.agency.pk, 2566, 6, 1])
    data = {"status": "in_progress", "done": HUGE, "problems": "", "solutions": "", "reason": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["done"] == [
        "ยาวได้ไม่เกิน 4000 ตัวอักษร (ข้อความนี้มี 250000 ตัวอักษร) กรุณาสรุปให้สั้นลง"
    ]
    assert 'maxlength="4000"' in response.content.decode()
    assert ProgressEntry.objects.get(round__months=6, measure__number=1).done == ""


def test_services_refuse_too_long_texts_in_thai():
    bench = build()
    entry = ProgressEntry.objects.get(round__months=6, measure__number=1)
    with pytest.raises(PlanError) as caught:
        services.record_progress(
            entry=entry, values={"problems": HUGE}, user=bench.users["coordinator"]
        )
    assert str(caught.value) == (
        "ข้อความในช่อง 'ปัญหา/อุปสรรค' ยาวเกิน 2,000 ตัวอักษร (มี 250,000 ตัวอักษร) กรุณาสรุปให้สั้นลง"
    )
    services.reopen(plan=bench.plan)
    measure = Measure.objects.get(plan=bench.plan, number=1)
    values = {"title": "ก" * 301, "steps": "ขั้นเดียว", "start": measure.start, "end": measure.end}
    with pytest.raises(PlanError, match="ยาวเกิน 300 ตัวอักษร"):  # a CharField: SQLite keeps any
        services.save_measure(plan=bench.plan, values=values, units=[], measure=measure)
    with pytest.raises(PlanError, match="ยาวเกิน 500 ตัวอักษร"):
        services.add_evidence(entry=entry, user=None, url="https://example.go.th/" + "a" * 600)
    assert not entry.evidence.exists()
    entry.refresh_from_db()
    measure.refresh_from_db()
    assert entry.problems == "" and len(measure.title) < 300


def test_the_database_refuses_too_long_texts():
    bench = build()
    entry = ProgressEntry.objects.get(round__months=6, measure__number=1)
    for queryset, values in [
        (ProgressEntry.objects.filter(pk=entry.pk), {"reason": "ก" * 1001}),
        (Measure.objects.filter(plan=bench.plan), {"steps": "ก" * 4001}),
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            queryset.update(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(agency=bench.agency, signs_as="head", name="x", positions=HUGE)
    ProgressEntry.objects.filter(pk=entry.pk).update(reason="ก" * 1000)  # at the limit: fine


def test_signer_positions_are_limited_on_the_settings_page(client):
    bench = build()
    client.force_login(bench.users["admin"])
    data = {
        "name": bench.agency.name,
        "kind": bench.agency.kind,
        "units-TOTAL_FORMS": "0",
        "units-INITIAL_FORMS": "0",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-0-signs_as": "executive",
        "people-0-name": "นายประเสริฐ ทำดี",
        "people-0-positions": HUGE,
    }
    response = client.post(reverse("agency_settings", args=[bench.agency.pk]), data)
    assert response.status_code == 200
    assert response.context["people"].forms[0].errors["positions"] == [
        "ยาวได้ไม่เกิน 600 ตัวอักษร (ข้อความนี้มี 250000 ตัวอักษร) กรุณาสรุปให้สั้นลง"
    ]
    assert not Person.objects.exists()
