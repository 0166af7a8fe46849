"""The PDFs of the public page, rendered once and stored.

A public PDF is rendered when what it shows is published (an ITA year's analysis, a
measures plan, a progress round) or published again, after the transaction that
published it has committed (rendering takes seconds; no write transaction waits on it),
and served as stored to every visitor. It is discarded, row and file together, when
what it shows is taken off the public page, changed, or deleted. A document missing
from the store (published before documents were stored, or whose rendering failed) is
rendered on its first request, then stored.

What keeps the store current are the receivers in `plans.signals`: they see every save
and delete of an assessment, a plan and a round, however it was made (web, API, admin).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from prongsai.agencies.models import Agency, Assessment
from prongsai.plans import document_inputs
from prongsai.plans.models import Plan, ProgressRound, PublicDocument

log = logging.getLogger(__name__)
Kind = PublicDocument.Kind


def _key(agency_id: int, kind: str, fiscal_year: int, months: int = 0) -> dict[str, Any]:
    return {"agency_id": agency_id, "kind": kind, "fiscal_year": fiscal_year, "months": months}


def stored(agency_id: int, kind: str, fiscal_year: int, months: int = 0) -> PublicDocument | None:
    """The stored document, if it is there with its file."""
    found = PublicDocument.objects.filter(**_key(agency_id, kind, fiscal_year, months)).first()
    if found is None or not found.file.storage.exists(found.file.name):
        return None
    return found


def remove_file_after_commit(file: Any) -> None:
    """Delete a stored file once the row that named it is gone for good (not if the
    transaction that removed the row is rolled back)."""
    if not file:
        return
    storage, name = file.storage, file.name
    transaction.on_commit(lambda: storage.delete(name))


def render(
    kind: str,
    agency: Agency,
    *,
    assessment: Assessment | None = None,
    plan: Plan | None = None,
    progress_round: ProgressRound | None = None,
) -> PublicDocument:
    """Render the document and store it in place of the one before; the file is
    written first, then its row in a short transaction (the old file goes after it)."""
    data = document_inputs.document(
        kind, "pdf", agency, assessment=assessment, plan=plan, progress_round=progress_round
    )
    year = assessment.fiscal_year if assessment else plan.fiscal_year if plan else 0
    key = _key(agency.pk, kind, year, progress_round.months if progress_round else 0)
    made = PublicDocument(
        **key, sha256=hashlib.sha256(data).hexdigest(), size=len(data), rendered=timezone.now()
    )
    made.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            current = PublicDocument.objects.select_for_update().filter(**key).first()
            if current is not None:
                made.pk = current.pk
                remove_file_after_commit(current.file)
            made.save()
    except IntegrityError:  # another request stored it at the same moment: keep theirs
        made.file.delete(save=False)
        return PublicDocument.objects.get(**key)
    except BaseException:
        made.file.delete(save=False)
        raise
    return made


def discard(agency_id: int, kind: str, fiscal_year: int, months: int | None = None) -> None:
    """Remove stored documents (of every round of the year when `months` is None); their
    files go once the removal is committed."""
    found = PublicDocument.objects.filter(agency_id=agency_id, kind=kind, fiscal_year=fiscal_year)
    if months is not None:
        found = found.filter(months=months)
    for document in found:
        document.delete()  # one by one: the audit trail and the file receiver see each


def is_public_plan(plan: Plan) -> bool:
    return plan.status == Plan.Status.APPROVED and plan.published is not None


def is_public_round(progress_round: ProgressRound) -> bool:
    return progress_round.published is not None and is_public_plan(progress_round.plan)


def publish_analysis(assessment_id: int) -> None:
    """After an ITA year's analysis was published (again): render it."""
    assessment = Assessment.objects.select_related("agency").filter(pk=assessment_id).first()
    if assessment is not None and assessment.published is not None:
        render(Kind.ANALYSIS, assessment.agency, assessment=assessment)


def publish_plan(plan_id: int) -> None:
    """After a plan was published (again): render it and its public rounds (they are
    public again with it)."""
    plan = Plan.objects.select_related("agency").filter(pk=plan_id).first()
    if plan is None or not is_public_plan(plan):
        return
    render(Kind.MEASURES, plan.agency, plan=plan)
    for progress_round in plan.rounds.filter(published__isnull=False):
        render(Kind.PROGRESS, plan.agency, plan=plan, progress_round=progress_round)


def publish_round(round_id: int) -> None:
    """After a progress round was published (again): render it."""
    found = ProgressRound.objects.select_related("plan__agency").filter(pk=round_id).first()
    if found is not None and is_public_round(found):
        render(Kind.PROGRESS, found.plan.agency, plan=found.plan, progress_round=found)
