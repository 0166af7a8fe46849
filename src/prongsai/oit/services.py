"""Every write of the OIT workspace: open a year (carrying last year's answers through
the edition's renumbering), assign, fill, review or send back, approve (one or all
reviewed), comment, attach files, and the link checker's verdict. Keyword-only."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from prongsai.agencies.models import Agency, Unit
from prongsai.agencies.queries import assessment_of
from prongsai.engine import Framework, parse_results
from prongsai.oit.models import Answer, Attachment, Comment, LinkCheck, Workspace
from prongsai.oit.queries import edition_for
from prongsai.oit.rules import required_period
from prongsai.plans.services import PlanError, check_evidence_file

if TYPE_CHECKING:
    from prongsai.links.checker import LinkResult

Status = Answer.Status
# A change to any of these after review or approval reopens the answer.
ANSWER_FIELDS = ("available", "urls", "explanation", "elements_checked", "covers_until")


class OitError(ValueError):
    """A step the answer's state does not allow; the message is Thai for the user."""


# ---------------------------------------------------------------- opening a year


def _code_map(framework: Framework, earlier_key: str | None) -> dict[str, tuple[str, ...]]:
    """This edition's item → the codes it had in the edition `earlier_key`."""
    if earlier_key == framework.key:
        return {item.code: (item.code,) for item in framework.oit_items}
    if earlier_key is not None and earlier_key == framework.previous:
        return {item.code: item.previous_codes for item in framework.oit_items}
    return {}


def _last_year(agency: Agency, framework: Framework, year: int) -> dict[str, dict[str, Any]]:
    """Last year's answer and ITAS result of every item that has one."""
    carried: dict[str, dict[str, Any]] = {}
    earlier = Workspace.objects.filter(agency=agency, fiscal_year=year - 1).first()
    if earlier is not None:
        answers = {a.code: a for a in earlier.answers.all()}
        for code, codes in _code_map(framework, earlier.framework).items():
            found = [answers[c] for c in codes if c in answers]
            if found:
                carried.setdefault(code, {"year": year - 1, "codes": list(codes)}).update(
                    {
                        "available": all(a.available for a in found)
                        if all(a.available is not None for a in found)
                        else None,
                        "urls": [u for a in found for u in a.url_list],
                        "explanation": "\n".join(a.explanation for a in found if a.explanation),
                        "covers_until": max(
                            (a.covers_until for a in found if a.covers_until), default=None
                        ),
                        "status": found[0].status,
                    }
                )
    assessment = assessment_of(agency, year - 1)
    if assessment is not None:
        results = parse_results(assessment.results)
        for code, codes in _code_map(framework, assessment.framework).items():
            known = [c for c in codes if c in results.oit_items]
            if known:
                carried.setdefault(code, {"year": year - 1, "codes": list(codes)}).update(
                    {
                        "passed": all(results.oit_items[c] for c in known),
                        "comment": " ".join(
                            results.oit_comments[c] for c in known if c in results.oit_comments
                        ),
                    }
                )
    return carried


@transaction.atomic
def open_workspace(*, agency: Agency, fiscal_year: int, user: Any = None) -> Workspace:
    """The year's workspace, created with one answer per item of the edition (NACC's of
    the year, else the latest in the library) and last year's answers filled in."""
    existing = Workspace.objects.filter(agency=agency, fiscal_year=fiscal_year).first()
    if existing is not None:
        return existing
    framework, _exact = edition_for(fiscal_year)
    workspace = Workspace.objects.create(
        agency=agency, fiscal_year=fiscal_year, framework=framework.key, created_by=user
    )
    carried = _last_year(agency, framework, fiscal_year)
    answers = []
    for order, item in enumerate(framework.oit_items, start=1):
        previous = carried.get(item.code)
        answer = Answer(workspace=workspace, code=item.code, order=order, previous=previous)
        if previous and previous.get("urls"):
            answer.available = previous.get("available")
            answer.urls = "\n".join(previous["urls"])
            answer.explanation = previous.get("explanation", "")
            answer.covers_until = previous.get("covers_until") or _period_end(
                fiscal_year - 1, item.data_year
            )
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    return workspace


def _period_end(year: int, data_year: str) -> date | None:
    period = required_period(year, data_year)
    return period[1] if period else None


# ---------------------------------------------------------------- one answer


@transaction.atomic
def assign(*, answer: Answer, unit: Unit | None, assignee: Any, due: date | None) -> None:
    if unit is not None and unit.agency_id != answer.workspace.agency_id:
        raise OitError("ส่วนราชการนี้ไม่ได้อยู่ในหน่วยงาน")
    answer.unit, answer.assignee, answer.due = unit, assignee, due
    answer.save(update_fields=["unit", "assignee", "due", "updated"])


def _reopen(answer: Answer) -> None:
    answer.reviewed = answer.approved = None
    answer.reviewed_by = answer.approved_by = None
    answer.approved_state = None


@transaction.atomic
def fill(*, answer: Answer, values: dict[str, Any], user: Any) -> bool:
    """Save the unit's answer; it becomes "filled". A change to an answer already
    reviewed or approved reopens it (the approval no longer stands). Returns whether
    it was reopened."""
    if values.get("available") and not [u for u in values.get("urls", "").split() if u]:
        raise OitError("ข้อที่ตอบว่า “มี” ต้องระบุ URL บนเว็บไซต์หลักของหน่วยงานอย่างน้อยหนึ่งรายการ")
    for url in values.get("urls", "").split():
        if not url.startswith(("https://", "http://")):
            raise OitError(f"URL ต้องขึ้นต้นด้วย https:// หรือ http://: {url}")
    changed = any(getattr(answer, name) != values[name] for name in ANSWER_FIELDS if name in values)
    for name in ANSWER_FIELDS:
        if name in values:
            setattr(answer, name, values[name])
    if "link_keywords" in values:  # what the link check looks for, not part of the answer
        answer.link_keywords = values["link_keywords"][:200]
    reopened = changed and answer.status in (Status.REVIEWED, Status.APPROVED)
    if changed or answer.status in (Status.NOT_STARTED, Status.RETURNED):
        _reopen(answer)
        answer.status = Status.FILLED
        answer.filled, answer.filled_by = timezone.now(), user
    answer.save()
    return reopened


@transaction.atomic
def review(*, answer: Answer, user: Any) -> None:
    if answer.status != Status.FILLED:
        raise OitError("ตรวจทานได้เฉพาะข้อที่ส่วนราชการกรอกแล้ว")
    answer.status, answer.reviewed, answer.reviewed_by = Status.REVIEWED, timezone.now(), user
    answer.save()


@transaction.atomic
def send_back(*, answer: Answer, user: Any, comment: str) -> None:
    """The coordinator returns an answer to its unit, saying what to change."""
    if not comment.strip():
        raise OitError("ส่งกลับให้แก้ไขต้องระบุความเห็นว่าต้องแก้อะไร")
    if answer.status not in (Status.FILLED, Status.REVIEWED, Status.APPROVED):
        raise OitError("ส่งกลับได้เฉพาะข้อที่กรอกแล้ว")
    _reopen(answer)
    answer.status = Status.RETURNED
    answer.save()
    Comment.objects.create(answer=answer, author=user, text=comment.strip())


def _approve(answer: Answer, user: Any, when: datetime) -> None:
    answer.status, answer.approved, answer.approved_by = Status.APPROVED, when, user
    answer.approved_state = answer.state()
    answer.save()


@transaction.atomic
def approve(*, answer: Answer, user: Any) -> None:
    if answer.status != Status.REVIEWED:
        raise OitError("อนุมัติได้เฉพาะข้อที่ผู้ประสานงาน ITA ตรวจทานแล้ว")
    _approve(answer, user, timezone.now())


@transaction.atomic
def approve_reviewed(*, workspace: Workspace, user: Any) -> int:
    """Approve every reviewed answer at once; returns how many."""
    when = timezone.now()
    answers = list(workspace.answers.filter(status=Status.REVIEWED))
    for answer in answers:
        _approve(answer, user, when)
    return len(answers)


@transaction.atomic
def add_comment(*, answer: Answer, user: Any, text: str) -> Comment:
    if not text.strip():
        raise OitError("ความเห็นว่างอยู่")
    return Comment.objects.create(answer=answer, author=user, text=text.strip())


@transaction.atomic
def add_attachment(*, answer: Answer, user: Any, upload: Any) -> Attachment:
    """A file for the agency's own record, checked like measure evidence (by content)."""
    try:
        content_type, suffix = check_evidence_file(upload)
    except PlanError as exc:
        raise OitError(str(exc)) from exc
    attachment = Attachment(
        answer=answer,
        name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(upload.read()), save=False)
    attachment.save()
    return attachment


def record_link_check(
    *, answer: Answer | int, verdict: str, checked: datetime | None = None
) -> None:
    """Where the link checker (prongsai.links) leaves its last verdict on an answer's URLs.

    An update of two columns, not a save: the answer's own state, its audit trail and its
    "updated" time are the unit's, not the checker's."""
    pk = answer if isinstance(answer, int) else answer.pk
    checked = checked or timezone.now()
    Answer.objects.filter(pk=pk).update(link_verdict=verdict[:200], link_checked=checked)
    if isinstance(answer, Answer):
        answer.link_verdict, answer.link_checked = verdict[:200], checked


def _keep_snapshot(body: bytes) -> str:
    """The copy of a page or file, stored once per content (a page that does not change
    is not stored again each night); its storage name."""
    digest = hashlib.sha256(body).hexdigest()
    name = f"links/{digest[:2]}/{digest}.bin"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(body))
    return name


def record_url_check(*, answer_id: int, result: LinkResult) -> LinkCheck:
    """One URL's check with its proof. The file is written before the (one-row)
    transaction, so that the database is never held while the disk works."""
    snapshot = result.snapshot
    stored = _keep_snapshot(snapshot.body) if snapshot is not None and snapshot.body else ""
    with transaction.atomic():
        return LinkCheck.objects.create(
            answer_id=answer_id,
            url=result.url[:2000],
            final_url=result.final_url[:2000],
            verdict=str(result.verdict),
            reasons=[
                {"code": r.code, "message": r.message, "thai": r.thai} for r in result.reasons
            ],
            status=result.status,
            elapsed_ms=result.elapsed_ms,
            file_type=result.file_type[:10],
            size=result.size,
            checked=snapshot.fetched_at if snapshot is not None else timezone.now(),
            headers=[list(pair) for pair in snapshot.headers] if snapshot is not None else [],
            sha256=snapshot.sha256 if snapshot is not None else "",
            snapshot=stored,
            snapshot_truncated=bool(snapshot and snapshot.body_truncated),
            content_type=(snapshot.content_type if snapshot is not None else "")[:200],
        )
