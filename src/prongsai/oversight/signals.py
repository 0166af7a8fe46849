"""Keep each assessment's standing current however the assessment was saved (the
agency's own import, the API, an oversight import that saves one by one)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from prongsai.agencies.models import Agency, Assessment


@receiver(post_save, sender=Assessment, dispatch_uid="oversight-standing")
def assessment_saved(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    from prongsai.oversight.services import refresh_standing

    refresh_standing(assessment=instance)


@receiver(post_save, sender=Agency, dispatch_uid="oversight-agency-place")
def agency_saved(sender: Any, instance: Agency, created: bool, **kwargs: Any) -> None:
    if not created:
        from prongsai.oversight.models import Standing

        Standing.objects.filter(agency=instance).update(
            kind=instance.kind, province=instance.province, district=instance.district
        )
