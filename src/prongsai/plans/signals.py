"""Keep the stored public PDFs (`public_documents`) true to what is public, however an
assessment, a plan or a round was saved or deleted: any change discards the stored
document; a publication renders it again once its transaction has committed. And
remove a stored file (evidence, public PDF) only with its row."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prongsai.agencies.models import Assessment
from prongsai.plans import public_documents as documents
from prongsai.plans.models import Evidence, Plan, ProgressRound, PublicDocument

Kind = PublicDocument.Kind


def _publishing(instance: Any, update_fields: Any) -> bool:
    """A save that sets the publication (services save it alone) of a published item."""
    return instance.published is not None and "published" in (update_fields or ())


def _after_commit(render: Any, pk: int) -> None:
    # robust: the publication stands if rendering fails; the first visitor renders it
    transaction.on_commit(lambda: render(pk), robust=True)


@receiver(post_save, sender=Assessment, dispatch_uid="public-analysis-saved")
def assessment_saved(
    sender: Any, instance: Assessment, raw: bool, update_fields: Any, **kwargs: Any
) -> None:
    if raw:
        return
    documents.discard(instance.agency_id, Kind.ANALYSIS, instance.fiscal_year, 0)
    if _publishing(instance, update_fields):
        _after_commit(documents.publish_analysis, instance.pk)


@receiver(post_save, sender=Plan, dispatch_uid="public-plan-saved")
def plan_saved(sender: Any, instance: Plan, raw: bool, update_fields: Any, **kwargs: Any) -> None:
    if raw:
        return
    documents.discard(instance.agency_id, Kind.MEASURES, instance.fiscal_year, 0)
    documents.discard(instance.agency_id, Kind.PROGRESS, instance.fiscal_year)
    if _publishing(instance, update_fields) and documents.is_public_plan(instance):
        _after_commit(documents.publish_plan, instance.pk)


@receiver(post_save, sender=ProgressRound, dispatch_uid="public-round-saved")
def round_saved(
    sender: Any, instance: ProgressRound, raw: bool, update_fields: Any, **kwargs: Any
) -> None:
    if raw:
        return
    plan = instance.plan
    documents.discard(plan.agency_id, Kind.PROGRESS, plan.fiscal_year, instance.months)
    if _publishing(instance, update_fields) and documents.is_public_round(instance):
        _after_commit(documents.publish_round, instance.pk)


@receiver(post_delete, sender=Assessment, dispatch_uid="public-analysis-deleted")
def assessment_deleted(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    documents.discard(instance.agency_id, Kind.ANALYSIS, instance.fiscal_year, 0)


@receiver(post_delete, sender=Plan, dispatch_uid="public-plan-deleted")
def plan_deleted(sender: Any, instance: Plan, **kwargs: Any) -> None:
    documents.discard(instance.agency_id, Kind.MEASURES, instance.fiscal_year, 0)
    documents.discard(instance.agency_id, Kind.PROGRESS, instance.fiscal_year)


@receiver(post_delete, sender=ProgressRound, dispatch_uid="public-round-deleted")
def round_deleted(sender: Any, instance: ProgressRound, **kwargs: Any) -> None:
    place = Plan.objects.filter(pk=instance.plan_id).values_list("agency_id", "fiscal_year")
    for agency_id, fiscal_year in place:  # gone with its plan: the plan's receiver cleared it
        documents.discard(agency_id, Kind.PROGRESS, fiscal_year, instance.months)


# A stored file goes with its row, however the row went (one by one, or with its round,
# its plan or its agency), and only once that deletion is committed.
@receiver(post_delete, sender=PublicDocument, dispatch_uid="public-document-file")
@receiver(post_delete, sender=Evidence, dispatch_uid="evidence-file")
def file_row_deleted(sender: Any, instance: PublicDocument | Evidence, **kwargs: Any) -> None:
    documents.remove_file_after_commit(instance.file)
