"""What was published stays: a published round, its progress and evidence cannot be
changed or deleted; a measure taken out of a reopened plan is archived with its
number, not deleted with its progress; stored files go only with their rows
(hardening issue, item 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.agencies.models import Agency
from prongsai.api.tokens import create_token
from prongsai.plans import document_inputs, services
from prongsai.plans.models import Evidence, Measure, ProgressEntry
from prongsai.plans.services import PlanError
from tests.workbench import PDF_BYTES, build

pytestmark = pytest.mark.django_db
PUBLISHED = "รอบนี้เผยแพร่แล้ว ข้อมูลความก้าวหน้าและหลักฐานที่เผยแพร่แก้ไขหรือลบไม่ได้"


@pytest.fixture
def bench():
    return build()


def _evidence_files() -> list[Path]:
    return [Path(e.file.path) for e in Evidence.objects.exclude(file="")]


def _publish(bench) -> None:
    services.publish_plan(plan=bench.plan, published=True)
    services.publish_round(progress_round=bench.plan.rounds.get(), published=True)


def test_deleting_a_measure_of_a_reopened_plan_archives_it(client, bench):
    """The reported case: reopen an approved plan, delete a measure that has progress
    and evidence in a published round."""
    progress_round = bench.plan.rounds.get()
    entry = progress_round.entries.get(measure__number=2)
    services.add_evidence(entry=entry, user=None, url="https://konnim.go.th/plan")
    _publish(bench)
    files = _evidence_files()
    assert len(files) == 1 and files[0].exists()
    client.force_login(bench.users["coordinator"])
    plan_url = reverse("plan", args=[bench.agency.pk, 2566])
    client.post(reverse("plan_step", args=[bench.agency.pk, 2566, "reopen"]))
    response = client.post(reverse("measure_delete", args=[bench.agency.pk, 2566, 1]))
    assert response.status_code == 302
    page = client.get(plan_url).content.decode()
    assert "นำมาตรการที่ 1 ออกจากแผนแล้ว" in page
    # measure 2 has evidence: taken out too, and nothing of it is lost
    client.post(reverse("measure_delete", args=[bench.agency.pk, 2566, 2]))
    assert Measure.objects.filter(plan=bench.plan).count() == 2
    assert all(m.archived is not None for m in Measure.objects.filter(plan=bench.plan))
    assert ProgressEntry.objects.filter(round=progress_round).count() == 2
    assert Evidence.objects.filter(entry=entry).count() == 2 and files[0].exists()
    # gone from the editable plan, kept with their numbers in the published round
    page = client.get(plan_url).content.decode()
    assert "เผยแพร่แผนการใช้จ่ายงบประมาณ" not in page
    round_page = client.get(reverse("round", args=[bench.agency.pk, 2566, 6])).content.decode()
    assert "เผยแพร่แผนการใช้จ่ายงบประมาณ" in round_page and "นำออกจากแผนแล้ว" in round_page
    report = document_inputs.progress_input(progress_round)
    assert [e.measure for e in report.entries] == [1, 2]
    reported = document_inputs.plan_input(bench.plan, progress_round)
    assert [(m.number, m.title) for m in reported.measures] == [
        (1, "เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์"),
        (2, "เผยแพร่แผนการใช้จ่ายงบประมาณ"),
    ]
    assert document_inputs.plan_input(bench.plan).measures == ()
    # an archived measure cannot be edited or taken out twice
    assert client.get(reverse("measure", args=[bench.agency.pk, 2566, 1])).status_code == 404
    with pytest.raises(PlanError, match="ถูกนำออกจากแผนแล้ว"):
        services.delete_measure(measure=Measure.objects.get(plan=bench.plan, number=1))


def test_numbers_never_change_once_the_plan_was_approved(client, bench):
    services.reopen(plan=bench.plan)
    added = services.save_measure(
        plan=bench.plan,
        values={
            "title": "อบรมเจ้าหน้าที่เรื่องผลประโยชน์ทับซ้อน",
            "steps": "จัดอบรม",
            "start": date(2022, 10, 1),
            "end": date(2023, 9, 1),
            "follow_up": "รายงานผล",
        },
        units=[bench.finance],
    )
    later = services.save_measure(
        plan=bench.plan,
        values={
            "title": "เผยแพร่ผลการจัดซื้อจัดจ้าง",
            "steps": "เผยแพร่ทุกเดือน",
            "start": date(2022, 10, 1),
            "end": date(2023, 9, 1),
            "follow_up": "รายงานผล",
        },
        units=[bench.finance],
    )
    assert (added.number, later.number) == (3, 4)
    assert services.delete_measure(
        measure=Measure.objects.get(pk=bench.plan.measures.get(number=1).pk)
    )
    # never approved, no progress: deleted for real, but the numbers stay as they were
    assert services.delete_measure(measure=added) == "deleted"
    assert not Measure.objects.filter(pk=added.pk).exists()
    numbers = list(bench.plan.measures.order_by("number").values_list("number", "archived"))
    assert [n for n, _ in numbers] == [1, 2, 4] and numbers[0][1] is not None
    # approved again: a new round reports on the plan's measures only
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    services.approve(plan=bench.plan, user=bench.users["executive"])
    second = services.open_round(plan=bench.plan, months=12, as_of=date(2023, 9, 30))
    reported = sorted(second.entries.values_list("measure__number", flat=True))
    assert reported == [2, 4]
    assert Measure.objects.get(pk=later.pk).approved_once


def test_a_plan_never_approved_is_renumbered(bench):
    plan = services.plan_for(agency=bench.agency, fiscal_year=2567)
    values = {
        "steps": "ขั้นเดียว",
        "start": date(2023, 10, 1),
        "end": date(2024, 9, 1),
        "follow_up": "รายงานผล",
    }
    made = [
        services.save_measure(plan=plan, values=values | {"title": f"มาตรการ {n}"}, units=[])
        for n in (1, 2, 3)
    ]
    assert services.delete_measure(measure=made[0]) == "renumbered"
    assert list(plan.measures.order_by("number").values_list("number", "title")) == [
        (1, "มาตรการ 2"),
        (2, "มาตรการ 3"),
    ]


def test_a_published_round_its_progress_and_evidence_cannot_change(client, bench):
    progress_round = bench.plan.rounds.get()
    entry = progress_round.entries.get(measure__number=2)
    evidence = entry.evidence.get()
    _publish(bench)
    services.reopen(plan=bench.plan)  # off the public page, but the round was published
    progress_round.refresh_from_db()
    attempts = [
        lambda: services.record_progress(entry=entry, values={"status": "done"}, user=None),
        lambda: services.add_evidence(entry=entry, user=None, url="https://konnim.go.th/x"),
        lambda: services.add_evidence(
            entry=entry, user=None, upload=SimpleUploadedFile("อีก.pdf", PDF_BYTES)
        ),
        lambda: services.delete_evidence(evidence=evidence),
        lambda: services.change_round_date(progress_round=progress_round, as_of=date(2023, 3, 30)),
        lambda: services.delete_round(progress_round=progress_round),
    ]
    for attempt in attempts:
        with pytest.raises(PlanError, match=PUBLISHED):
            attempt()
    entry.refresh_from_db()
    assert entry.status == "not_started" and entry.evidence.count() == 1
    assert len(_evidence_files()) == 1 and _evidence_files()[0].exists()
    assert progress_round.as_of == date(2023, 3, 31)
    # the web hides the actions and refuses them
    client.force_login(bench.users["coordinator"])
    entry_url = reverse("entry", args=[bench.agency.pk, 2566, 6, 2])
    page = client.get(entry_url).content.decode()
    assert "รอบนี้เผยแพร่แล้ว ผลการดำเนินการและหลักฐานจะคงไว้ตามที่เผยแพร่" in page
    assert "delete-evidence" not in page
    assert 'enctype="multipart/form-data"' not in page  # no form to change it
    refused = client.post(entry_url, {"status": "done", "done": "แก้หลังเผยแพร่"})
    assert PUBLISHED in refused.content.decode()
    round_page = client.get(reverse("round", args=[bench.agency.pk, 2566, 6])).content.decode()
    assert reverse("round_delete", args=[bench.agency.pk, 2566, 6]) not in round_page
    assert reverse("round_date", args=[bench.agency.pk, 2566, 6]) not in round_page
    assert entry_url not in round_page
    gone = client.post(reverse("evidence_delete", args=[bench.agency.pk, evidence.pk]))
    assert gone.status_code == 302 and Evidence.objects.filter(pk=evidence.pk).exists()
    # and so does the API
    _token, plain = create_token(
        user=bench.users["coordinator"], name="s", scope="write", agency_ids=[bench.agency.pk]
    )
    reply = client.put(
        f"/api/v1/agencies/{bench.agency.pk}/plans/2566/rounds/6/entries/2",
        {"status": "done"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plain}",
    )
    assert reply.status_code == 409 and reply.json()["message"].startswith(PUBLISHED)
    entry.refresh_from_db()
    assert entry.status == "not_started" and entry.done == ""
    # taken off the public page on purpose (audited), the round can be corrected again
    services.publish_round(progress_round=progress_round, published=False)
    services.record_progress(entry=entry, values={"status": "done"}, user=None)


def test_files_go_only_with_their_rows(bench, django_capture_on_commit_callbacks):
    [kept] = _evidence_files()
    progress_round = bench.plan.rounds.get()
    _publish(bench)
    progress_round.refresh_from_db()
    with pytest.raises(PlanError), django_capture_on_commit_callbacks(execute=True):
        services.delete_round(progress_round=progress_round)
    assert kept.exists()
    services.publish_round(progress_round=progress_round, published=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_round(progress_round=progress_round)
    assert not kept.exists() and not Evidence.objects.exists()
    # whatever removes the rows (here the agency, with everything it has) removes the files
    other = build("เทศบาลตำบลโนนหัน", prefix="other-")
    [theirs] = _evidence_files()
    with django_capture_on_commit_callbacks(execute=True):
        Agency.objects.filter(pk=other.agency.pk).delete()
    assert not theirs.exists()
