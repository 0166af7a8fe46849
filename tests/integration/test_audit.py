"""The audit trail covers every model of the project: who changed what, old → new, and
which agency it belongs to (the agency's audit page reads entries by that)."""

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from prongsai.agencies import services as agency_services
from prongsai.agencies.models import (
    Agency,
    AgencyKind,
    AssessmentVersion,
    DocumentTemplate,
    Membership,
    Person,
)
from prongsai.agencies.services import save_assessment
from prongsai.documents.docx import builtin_template
from tests.helpers import SEED_000, example
from tests.workbench import build

# Models that belong to no agency: their entries are read in the admin, not on an
# agency's audit page.
WITHOUT_AGENCY = {"plans.MeasureTemplate", "surveys.SampleRule", "editions.EditionDraft"}
WITHOUT_AGENCY |= {"accounts.PasswordChangeRequired", "oversight.Body", "oversight.BodyMember"}
# Kept out of the audit trail on purpose: a pulse-survey answer and its one-time code must
# not be linkable to a time or a person (issue 14's anonymity); the survey itself is audited.
ANONYMOUS = {"surveys.Response", "surveys.AccessCode"}
# Copied from each assessment by the app (its history is the assessment's own trail).
DERIVED = {"oversight.Standing"}
# A background job's progress counters: what the job changes is audited by the services
# it calls.
OPERATIONAL = {"jobs.Job"}
# A link check is itself the history of a URL, written by the checker (every night); the
# nightly schedule is the task queue's bookkeeping.
OPERATIONAL |= {"oit.LinkCheck", "oit.LinkSchedule"}
UNAUDITED = ANONYMOUS | DERIVED | OPERATIONAL


def project_models() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("prongsai.")
        for model in config.get_models()
    ]


def test_every_model_of_the_project_is_audited():
    assert len(project_models()) >= 13
    unaudited = [m._meta.label for m in project_models() if not auditlog.contains(m)]
    assert sorted(unaudited) == sorted(UNAUDITED)
    assert auditlog.contains(get_user_model())


def test_binary_content_and_passwords_stay_out_of_the_audit_trail():
    for model in project_models():
        if model._meta.label in UNAUDITED:
            continue
        binary = {f.name for f in model._meta.concrete_fields if isinstance(f, models.BinaryField)}
        fields = auditlog.get_model_fields(model)
        tracked = set(fields["include_fields"]) or {f.name for f in model._meta.concrete_fields}
        assert binary & (tracked - set(fields["exclude_fields"])) == set(), model
    user_fields = auditlog.get_model_fields(get_user_model())
    assert {"password", "last_login"} <= set(user_fields["exclude_fields"])


def test_models_of_an_agency_say_which_agency():
    audited = [m for m in project_models() if m._meta.label not in UNAUDITED]
    assert [m for m in audited if m._meta.label not in WITHOUT_AGENCY] == [
        m for m in audited if hasattr(m, "get_additional_data")
    ]


@pytest.mark.django_db
def test_settings_people_members_templates_and_versions_are_in_the_agency_trail():
    bench = build()
    agency = bench.agency
    LogEntry.objects.all().delete()

    agency.phone = "0 4300 0000"
    agency.save()
    unit = agency.units.get(name="กองคลัง")
    unit.name = "กองคลังและพัสดุ"
    unit.save()
    person = Person.objects.create(
        agency=agency, signs_as="executive", name="นายประเสริฐ ทำดี", positions="นายก อบต."
    )
    person.positions = "ปลัด อบต. รักษาราชการแทน\nนายก อบต."
    person.save()
    membership = Membership.objects.get(agency=agency, user=bench.users["viewer"])
    agency_services.add_member(agency=agency, username="viewer", role="coordinator")
    agency_services.save_template(
        agency=agency,
        kind="announcement",
        name="ประกาศ.docx",
        data=builtin_template("announcement"),
    )
    first = DocumentTemplate.objects.get(agency=agency, kind="announcement").sha256
    agency_services.save_template(
        agency=agency, kind="announcement", name="ประกาศ.docx", data=builtin_template("memo")
    )
    agency_services.remove_template(agency=agency, kind="announcement")
    save_assessment(agency=agency, document=example(SEED_000) | {"agency": agency.name})

    def changes(model, action):
        return [
            e.changes_dict
            for e in LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), action=action
            ).order_by("pk")
        ]

    assert changes(Agency, LogEntry.Action.UPDATE) == [{"phone": ["", "0 4300 0000"]}]
    assert changes(type(unit), LogEntry.Action.UPDATE) == [{"name": ["กองคลัง", "กองคลังและพัสดุ"]}]
    assert changes(Person, LogEntry.Action.UPDATE) == [
        {"positions": ["นายก อบต.", "ปลัด อบต. รักษาราชการแทน\nนายก อบต."]}
    ]
    assert changes(Membership, LogEntry.Action.UPDATE) == [{"role": ["viewer", "coordinator"]}]
    created, removed = (
        changes(DocumentTemplate, LogEntry.Action.CREATE),
        changes(DocumentTemplate, LogEntry.Action.DELETE),
    )
    assert len(created) == len(removed) == 1
    assert "content" not in created[0] and "content" not in removed[0]
    assert created[0]["name"] == ["None", "ประกาศ.docx"]
    assert len(created[0]["sha256"][1]) == 64  # which file it was, without the file
    (replaced,) = changes(DocumentTemplate, LogEntry.Action.UPDATE)
    assert replaced["sha256"][0] == first and replaced["sha256"][1] == removed[0]["sha256"][0]
    assert first != replaced["sha256"][1] and "content" not in replaced
    assert len(changes(AssessmentVersion, LogEntry.Action.CREATE)) == 1
    assert membership.pk  # the role changed on the same membership
    agencies = {
        e.additional_data and e.additional_data.get("agency") for e in LogEntry.objects.all()
    }
    assert agencies == {agency.pk}


@pytest.mark.django_db
def test_audit_page_shows_a_role_change(client):
    bench = build()
    agency_services.add_member(agency=bench.agency, username="viewer", role="coordinator")
    client.force_login(bench.users["admin"])
    page = client.get(reverse("audit", args=[bench.agency.pk])).content.decode()
    assert "ผู้ดูข้อมูล → ผู้ประสานงาน ITA" in page
    other = Agency.objects.create(name="อบจ.ทดสอบ", kind=AgencyKind.PAO)
    assert LogEntry.objects.filter(additional_data__agency=other.pk).count() == 1  # its creation
