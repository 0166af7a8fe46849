"""A saved or deleted survey leaves the answer pages' cached copy (queries.survey_by_token)
at once in this process; other processes with their own in-memory cache follow within
PUBLIC_SURVEY_SECONDS, and a shared cache (Redis) at once everywhere."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prongsai.surveys.models import Survey
from prongsai.surveys.queries import forget_survey


@receiver([post_save, post_delete], sender=Survey, dispatch_uid="forget_public_survey")
def _forget(sender: type[Survey], instance: Survey, **kwargs: Any) -> None:
    forget_survey(instance.token)
