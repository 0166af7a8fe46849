"""Pulse surveys: an agency's own IIT/EIT questionnaire, its answers and one-time codes.

Anonymity is built into the tables, not promised by the views: an answer row holds the
survey, the date (no time) and the choices — no address, browser, account or clock
time, and its key is a random UUID, so neither the key nor the table tells in which
order answers came. A one-time code is never linked to the answer it allowed. Answers
and codes are not in the audit trail (it records addresses and times).
"""

from __future__ import annotations

import uuid
from typing import Any

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class Survey(models.Model):
    class Tool(models.TextChoices):
        IIT = "IIT", "IIT ผู้มีส่วนได้ส่วนเสียภายใน (บุคลากร)"
        EIT = "EIT", "EIT ผู้มีส่วนได้ส่วนเสียภายนอก (ผู้รับบริการ)"

    class Status(models.TextChoices):
        DRAFT = "draft", "ยังไม่เปิด"
        OPEN = "open", "เปิดรับคำตอบ"
        CLOSED = "closed", "ปิดแล้ว"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="surveys")
    tool = models.CharField(_("tool"), max_length=3, choices=Tool.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("ITA year"))
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    framework = models.CharField(_("framework edition"), max_length=64)
    token = models.CharField(max_length=43, unique=True)  # the public link's secret
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    anonymous = models.BooleanField(default=True)
    uses_codes = models.BooleanField(default=False)
    population = models.PositiveIntegerField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    min_answers = models.PositiveSmallIntegerField(default=5)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "tool", "-round"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "tool", "fiscal_year", "round"], name="one_survey_per_round"
            ),
            models.CheckConstraint(condition=models.Q(min_answers__gte=5), name="min_answers_5"),
        ]

    def __str__(self) -> str:
        return f"{self.tool} {self.fiscal_year}/{self.round} {self.agency}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}  # the agency's audit page reads entries by it


class Response(models.Model):
    """One respondent's answers: random key, date only, nothing about who or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    day = models.DateField()
    answers = models.JSONField()  # {"i1": [3, 2], …}: option index per sub-item

    class Meta:
        ordering = ["id"]  # random: never the order of arrival

    def __str__(self) -> str:
        return f"{self.survey_id} {self.day}"


class AccessCode(models.Model):
    """A printed one-time code. Only whether it was used is kept, never by which answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=12)
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="unique_code_per_survey")
        ]

    def __str__(self) -> str:
        return self.code


class SampleRule(models.Model):
    """The minimum sample of a tool in an edition, set by an administrator.
    Edition "*" applies to every edition without its own rule."""

    framework = models.CharField(max_length=64, default="*")
    tool = models.CharField(max_length=3, choices=Survey.Tool.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    minimum = models.PositiveIntegerField()
    maximum = models.PositiveIntegerField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    source = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "tool"], name="one_rule_per_edition_tool")
        ]

    def __str__(self) -> str:
        return f"{self.framework} {self.tool}"


class SuggestedMeasure(models.Model):
    """Where a measure of the plan came from: "suggest measures" on this survey's weakest
    questions. The measure itself is an ordinary draft of the plan that the coordinator
    edits or deletes (deleting it deletes this row); the plan's tables are not changed."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="suggested")
    measure = models.OneToOneField(
        "plans.Measure", on_delete=models.CASCADE, related_name="survey_source"
    )
    questions = models.JSONField(default=list)  # ["i3", "i7"]: the weak questions it answers
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "measure__number"]

    def __str__(self) -> str:
        return f"{self.survey} → {self.measure_id}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.survey.agency_id}


auditlog.register(Survey, exclude_fields=["updated", "token"])
auditlog.register(SuggestedMeasure)
auditlog.register(SampleRule)
