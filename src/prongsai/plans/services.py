"""The measures plan through its year: suggest, edit, submit, approve, publish; progress
rounds and evidence. Keyword-only functions; views call these and nothing else writes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from prongsai.agencies.fields import text_over_limit
from prongsai.agencies.models import Agency, Unit
from prongsai.agencies.queries import analysis_for_year
from prongsai.agencies.services import ensure_default_units
from prongsai.cycle import ROUNDS, as_of_problem
from prongsai.engine import Analysis
from prongsai.plans import notices
from prongsai.plans.models import (
    Evidence,
    Measure,
    MeasureTemplate,
    Plan,
    PlanReturn,
    ProgressEntry,
    ProgressRound,
)
from prongsai.thai import fiscal_months

ROUND_MONTHS = ROUNDS
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# What evidence may be, told from the file's first bytes (its name can lie).
EVIDENCE_TYPES = {
    b"%PDF": ("application/pdf", ".pdf"),
    b"\x89PNG": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"PK\x03\x04": (None, None),  # Word or Excel: decided by its [Content_Types].xml
}
OFFICE_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class PlanError(ValueError):
    """A step the plan's state does not allow; the message is Thai for the user."""


class EditConflict(PlanError):
    """The measure or progress entry was saved by someone else after this edit began:
    nothing was saved; `current` is what is stored now."""

    def __init__(self, current: Measure | ProgressEntry) -> None:
        super().__init__("มีผู้อื่นบันทึกรายการนี้ระหว่างที่ท่านแก้ไข ระบบจึงยังไม่ได้บันทึกข้อมูลของท่าน")
        self.current = current


def _claim_version(instance: Measure | ProgressEntry, version: int | None) -> None:
    """Move the stored row to its next version in one `UPDATE … WHERE version = n`: of two
    saves made from the same version exactly one matches, on SQLite and PostgreSQL alike
    (the database serialises the two UPDATEs), and the other raises `EditConflict`.
    `version` None (an API client that sent none) claims whatever version is stored."""
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1):
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = model.objects.values_list("version", flat=True).get(pk=instance.pk)


# ---------------------------------------------------------------- the plan


def plan_for(*, agency: Agency, fiscal_year: int) -> Plan:
    plan, _ = Plan.objects.get_or_create(agency=agency, fiscal_year=fiscal_year)
    return plan


def _fiscal_months(fiscal_year: int) -> tuple[date, date]:
    """The first and the last month of a fiscal year (their first days)."""
    months = fiscal_months(fiscal_year)
    return months[0], months[-1]


@transaction.atomic
def suggest_measures(*, plan: Plan) -> int:
    """Add library measures for the previous ITA year's weaknesses and failed OIT items.

    Measures already in the plan (same title) are not added twice. Returns how many
    were added; raises `PlanError` when there is nothing to suggest from.
    """
    _require_draft(plan)
    analysis = analysis_for_year(plan.agency, plan.fiscal_year - 1)
    if analysis is None:
        raise PlanError(
            f"ยังไม่มีผลการประเมิน ITA ปี {plan.fiscal_year - 1} ให้วิเคราะห์ กรุณานำเข้าผลการประเมินก่อน"
        )
    return len(_add_suggestions(plan, _library_matches(analysis)))


@transaction.atomic
def suggest_measures_for_indicators(*, plan: Plan, indicators: list[int]) -> list[Measure]:
    """Add the library's measures of these weak indicators (found elsewhere than in the
    last ITA result, e.g. a pulse survey), as drafts to edit. Titles already in the
    plan are not added twice. Returns the measures added."""
    _require_draft(plan)
    templates = list(MeasureTemplate.objects.filter(active=True))
    wanted: dict[int, dict[str, Any]] = {}
    for number in indicators:
        _want_for_indicator(wanted, templates, number)
    return _add_suggestions(plan, wanted)


def _add_suggestions(plan: Plan, wanted: dict[int, dict[str, Any]]) -> list[Measure]:
    """Create the wanted library measures in the plan, numbered after its last one, each
    with a responsible unit (the agency's usual units are made first if it has none)."""
    ensure_default_units(agency=plan.agency)
    existing = set(plan.measures.active().values_list("title", flat=True))
    units = {u.name: u for u in plan.agency.units.all()}
    fallback = next(iter(units.values()), None)
    start, end = _fiscal_months(plan.fiscal_year)
    number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    added = []
    for entry in wanted.values():
        template = entry["template"]
        if template.title in existing:
            continue
        measure = Measure.objects.create(
            plan=plan,
            number=number,
            title=template.title,
            steps=template.steps,
            start=start,
            end=end,
            follow_up=template.follow_up,
            kpi=template.kpi,
            indicators=sorted(entry["indicators"]),
            oit_items=sorted(entry["items"], key=lambda code: int(code[1:])),
        )
        unit = units.get(template.unit_hint) or fallback
        if unit is not None:
            measure.units.add(unit)
        number += 1
        added.append(measure)
    return added


def _want(wanted: dict[int, dict[str, Any]], template: MeasureTemplate) -> dict[str, Any]:
    return wanted.setdefault(
        template.pk, {"template": template, "indicators": set(), "items": set()}
    )


def _want_for_indicator(
    wanted: dict[int, dict[str, Any]], templates: list[MeasureTemplate], number: int
) -> None:
    """Every library template written for this indicator."""
    for template in templates:
        if template.indicator == number:
            _want(wanted, template)["indicators"].add(number)


def _library_matches(analysis: Analysis) -> dict[int, dict[str, Any]]:
    """Library template → the indicators and OIT items it would answer: a template of a
    weak indicator, or the first theme whose keywords a failed item's title contains."""
    templates = list(MeasureTemplate.objects.filter(active=True))
    wanted: dict[int, dict[str, Any]] = {}
    for weak in analysis.weaknesses:
        _want_for_indicator(wanted, templates, weak.number)
    for failure in analysis.oit_failed:
        title = failure.title or ""
        theme = next(
            (
                t
                for t in templates
                if t.indicator is None and any(k in title for k in t.keyword_list)
            ),
            None,
        )
        if theme is not None:
            _want(wanted, theme)["items"].add(failure.code)
            if failure.indicator:
                _want(wanted, theme)["indicators"].add(failure.indicator)
    return wanted


def _require_within_limits(instance: Any) -> None:
    problem = text_over_limit(instance)
    if problem:
        raise PlanError(problem)


def _require_draft(plan: Plan) -> None:
    if not plan.editable:
        raise PlanError("แผนนี้ส่งขออนุมัติหรืออนุมัติแล้ว แก้ไขไม่ได้ (เปิดกลับเป็นฉบับร่างก่อน)")


@transaction.atomic
def save_measure(
    *,
    plan: Plan,
    values: dict[str, Any],
    units: list[Unit],
    measure: Measure | None = None,
    version: int | None = None,
) -> Measure:
    """Add a measure, or change `measure` as it was at `version` (the one its editor
    read): `EditConflict`, nothing saved, when someone saved it since."""
    _require_draft(plan)
    if measure is not None and measure.archived is not None:
        raise PlanError("มาตรการนี้ถูกนำออกจากแผนแล้ว แก้ไขไม่ได้")
    start, end = _fiscal_months(plan.fiscal_year)
    if not (start <= values["start"] <= values["end"] <= end):
        raise PlanError("ระยะเวลาต้องอยู่ในปีงบประมาณ และเดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม")
    if measure is None:
        number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
        measure = Measure(plan=plan, number=number)
    else:
        _claim_version(measure, version)
    for name, value in values.items():
        setattr(measure, name, value)
    _require_within_limits(measure)
    measure.save()
    measure.units.set(units)
    return measure


@transaction.atomic
def delete_measure(*, measure: Measure) -> str:
    """Take a measure out of a draft plan. One that was in an approved plan, or that has
    progress, is archived (it stays, with its number, in past rounds and what was
    published); any other is deleted. Returns "archived", "deleted" or "renumbered".

    Measures are renumbered only while the plan has never been approved: once its
    numbers may have been published, they never change."""
    plan = measure.plan
    _require_draft(plan)
    if measure.archived is not None:
        raise PlanError("มาตรการนี้ถูกนำออกจากแผนแล้ว")
    if measure.approved_once or measure.entries.exists():
        measure.archived = timezone.now()
        measure.save(update_fields=["archived"])
        return "archived"
    measure.delete()
    if plan.measures.filter(Q(approved_once=True) | Q(archived__isnull=False)).exists():
        return "deleted"
    # A renumbered measure gets a new version too: an edit form opened on the old number
    # now names another measure, and must be refused rather than overwrite it. The rows are
    # locked first so that no edit slips in between reading and writing the version.
    for number, item in enumerate(plan.measures.select_for_update().order_by("number"), start=1):
        if item.number != number:
            item.number, item.version = number, item.version + 1
            item.save(update_fields=["number", "version"])
    return "renumbered"


@transaction.atomic
def submit(*, plan: Plan, user: Any) -> None:
    _require_draft(plan)
    if not plan.measures.active().exists():
        raise PlanError("ยังไม่มีมาตรการในแผน")
    plan.status, plan.submitted, plan.submitted_by = Plan.Status.SUBMITTED, timezone.now(), user
    plan.save()
    for request in plan.returns.filter(resolved__isnull=True):  # answered by this submission
        request.resolved = plan.submitted
        request.save(update_fields=["resolved"])
    notices.plan_submitted(plan)


@transaction.atomic
def approve(*, plan: Plan, user: Any) -> None:
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError("อนุมัติได้เฉพาะแผนที่ส่งขออนุมัติแล้ว")
    plan.status, plan.approved, plan.approved_by = Plan.Status.APPROVED, timezone.now(), user
    plan.save()
    # bookkeeping of the approval just recorded (audited on the plan): from now on these
    # measures are archived, not deleted
    plan.measures.active().filter(approved_once=False).update(approved_once=True)


RETURN_COMMENT_MAX = 2000


@transaction.atomic
def return_plan(*, plan: Plan, user: Any, comment: str) -> PlanReturn:
    """The executive sends a submitted plan back to draft, saying what to revise."""
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError("ส่งกลับให้แก้ไขได้เฉพาะแผนที่ส่งขออนุมัติแล้ว")
    comment = comment.strip()
    if not comment:
        raise PlanError("กรุณาระบุความเห็นว่าต้องแก้ไขอะไร เพื่อให้ผู้ประสานงานปรับแผนได้ถูกต้อง")
    if len(comment) > RETURN_COMMENT_MAX:
        raise PlanError(f"ความเห็นยาวเกิน {RETURN_COMMENT_MAX:,} ตัวอักษร")
    plan.status = Plan.Status.DRAFT
    plan.submitted = None
    plan.submitted_by = None
    plan.save()
    returned = PlanReturn.objects.create(plan=plan, comment=comment, returned_by=user)
    notices.plan_returned(returned)
    return returned


@transaction.atomic
def reopen(*, plan: Plan) -> None:
    """Back to draft: the approval (and publication) no longer stands."""
    plan.status = Plan.Status.DRAFT
    plan.submitted = plan.approved = plan.published = None
    plan.submitted_by = plan.approved_by = None
    plan.save()


def _require_approved_to_publish(plan: Plan, published: bool) -> None:
    if published and plan.status != Plan.Status.APPROVED:
        raise PlanError("เผยแพร่ได้เมื่อผู้บริหารอนุมัติแผนแล้ว")


@transaction.atomic
def publish_plan(*, plan: Plan, published: bool) -> None:
    """Show the approved plan on the public page, or take it off."""
    _require_approved_to_publish(plan, published)
    plan.published = timezone.now() if published else None
    plan.save(update_fields=["published"])


@transaction.atomic
def publish_round(*, progress_round: ProgressRound, published: bool) -> None:
    """Show a progress round on the public page (its plan must be approved)."""
    _require_approved_to_publish(progress_round.plan, published)
    progress_round.published = timezone.now() if published else None
    progress_round.save(update_fields=["published"])


# ---------------------------------------------------------------- progress


def _office_type(upload: Any) -> tuple[str | None, str | None]:
    """A zip is evidence only when it really is a .docx or .xlsx (its main part says so,
    not its name, and the name does not claim the other kind) within the zip limits."""
    from prongsai.files.zips import ZipLimitError, check_zip, office_kind

    data = upload.read()
    upload.seek(0)
    try:
        check_zip(data)
    except ZipLimitError as exc:
        raise PlanError(f"ไฟล์หลักฐานใช้ไม่ได้: {exc.message}") from exc
    kind = office_kind(data)
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if kind is None or (suffix in OFFICE_TYPES and suffix != f".{kind}"):
        return None, None
    return OFFICE_TYPES[f".{kind}"], f".{kind}"


@transaction.atomic
def open_round(*, plan: Plan, months: int, as_of: date) -> ProgressRound:
    if plan.status != Plan.Status.APPROVED:
        raise PlanError("รายงานความก้าวหน้าได้เมื่อแผนได้รับอนุมัติแล้ว")
    if months not in ROUND_MONTHS:
        raise PlanError("รอบรายงานต้องเป็น ๓, ๖, ๙ หรือ ๑๒ เดือน")
    _check_as_of(plan.fiscal_year, months, as_of)
    progress_round, created = ProgressRound.objects.get_or_create(
        plan=plan, months=months, defaults={"as_of": as_of}
    )
    if not created:
        raise PlanError(f"มีรอบ {months} เดือนอยู่แล้ว")
    ProgressEntry.objects.bulk_create(
        [ProgressEntry(round=progress_round, measure=measure) for measure in plan.measures.active()]
    )
    notices.round_opened(progress_round)
    return progress_round


def _check_as_of(fiscal_year: int, months: int, as_of: date) -> None:
    problem = as_of_problem(fiscal_year, months, as_of)
    if problem:
        raise PlanError(problem)


PUBLISHED_ROUND = (
    "รอบนี้เผยแพร่แล้ว ข้อมูลความก้าวหน้าและหลักฐานที่เผยแพร่แก้ไขหรือลบไม่ได้ หากต้องแก้ไข ให้นำรอบออกจากหน้าเผยแพร่ก่อน"
)


def _require_unpublished(progress_round: ProgressRound) -> None:
    """What was published stays as published: a round's date, progress and evidence
    change only while it is not published (taking it off is recorded in the audit
    trail). A round of a reopened plan stays published, though off the public page."""
    if progress_round.published is not None:
        raise PlanError(PUBLISHED_ROUND)


@transaction.atomic
def change_round_date(*, progress_round: ProgressRound, as_of: date) -> None:
    """Correct the date a round reports as of (within its fiscal year)."""
    _require_unpublished(progress_round)
    _check_as_of(progress_round.plan.fiscal_year, progress_round.months, as_of)
    progress_round.as_of = as_of
    progress_round.save(update_fields=["as_of"])


@transaction.atomic
def delete_round(*, progress_round: ProgressRound) -> None:
    """Remove a round opened by mistake, with its entries and their evidence files; a
    published round must be taken off the public page first."""
    _require_unpublished(progress_round)
    for item in Evidence.objects.filter(entry__round=progress_round):
        item.delete()  # one by one: the audit trail records each, its file goes after
    progress_round.delete()


@transaction.atomic
def delete_evidence(*, evidence: Evidence) -> None:
    """Remove evidence added by mistake; its file goes once the removal is committed
    (`signals`). Not while its round is published."""
    _require_unpublished(evidence.entry.round)
    evidence.delete()


@transaction.atomic
def record_progress(
    *,
    entry: ProgressEntry,
    values: dict[str, Any],
    user: Any,
    evidence_url: str = "",
    evidence_upload: Any = None,
    version: int | None = None,
) -> Evidence | None:
    """Where a measure stands, with at most one new piece of evidence (a link or a file):
    all saved, or nothing when the evidence is refused or someone saved the entry since
    `version` (`EditConflict`). Returns the evidence added."""
    _require_unpublished(entry.round)
    if values.get("status") == ProgressEntry.Status.CANCELLED and not values.get("reason"):
        raise PlanError("มาตรการที่ยกเลิกต้องระบุเหตุผล")
    _claim_version(entry, version)
    for name, value in values.items():
        setattr(entry, name, value)
    _require_within_limits(entry)
    entry.updated_by = user
    entry.save()
    if evidence_upload is None and not evidence_url:
        return None
    return add_evidence(entry=entry, user=user, url=evidence_url, upload=evidence_upload)


def check_evidence_file(upload: Any) -> tuple[str, str]:
    """The content type and file suffix of an uploaded evidence file, told from its first
    bytes and, for a zip, its inner structure (its name can lie); `PlanError` when it is
    too large or of another type."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise PlanError("ไฟล์หลักฐานใหญ่เกิน 10 MB")
    head = upload.read(8)
    upload.seek(0)
    content_type, suffix = next(
        (types for magic, types in EVIDENCE_TYPES.items() if head.startswith(magic)), (None, None)
    )
    if head.startswith(b"PK\x03\x04"):
        content_type, suffix = _office_type(upload)
    if content_type is None or suffix is None:
        raise PlanError("รับเฉพาะไฟล์ PDF, JPG, PNG, Word (.docx) หรือ Excel (.xlsx)")
    return content_type, suffix


def add_evidence(*, entry: ProgressEntry, user: Any, url: str = "", upload: Any = None) -> Evidence:
    """A link, or a file checked for size and type (by content, not by name). The file
    is written before the row, outside the transaction, and removed if the row fails."""
    _require_unpublished(entry.round)
    if upload is None:
        if not url.startswith(("https://", "http://")):
            raise PlanError("ลิงก์หลักฐานต้องขึ้นต้นด้วย https:// หรือ http://")
        link = Evidence(entry=entry, url=url, name=url[:200], uploaded_by=user)
        _require_within_limits(link)
        with transaction.atomic():
            link.save()
        return link
    content_type, suffix = check_evidence_file(upload)
    evidence = Evidence(
        entry=entry,
        name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    evidence.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(upload.read()), save=False)
    try:
        with transaction.atomic():
            evidence.save()
    except BaseException:
        evidence.file.delete(save=False)
        raise
    return evidence
