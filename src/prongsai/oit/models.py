"""The OIT evidence workspace of one agency and ITA year: an answer per OIT item of the
edition, who fills it, its review and approval, comments and the agency's own files.
Workflow rules live in `services`; the models only keep state."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.fields import LimitedTextField, length_constraint
from prongsai.agencies.models import Agency, Unit


class Workspace(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="oit_workspaces", verbose_name=_("agency")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ITA year (BE)"))
    framework = models.CharField(_("framework edition"), max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("OIT workspace")
        verbose_name_plural = _("OIT workspaces")
        ordering = ["agency", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"], name="one_oit_workspace_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — OIT {self.fiscal_year}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


class Answer(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        RETURNED = "returned", _("returned for changes")
        FILLED = "filled", _("filled")
        REVIEWED = "reviewed", _("reviewed")
        APPROVED = "approved", _("approved")

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="answers", verbose_name=_("workspace")
    )
    code = models.CharField(_("item"), max_length=8)
    order = models.PositiveSmallIntegerField(_("order"))
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("unit")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person responsible"),
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    available = models.BooleanField(_("available (มี/ไม่มี)"), null=True, blank=True)
    urls = LimitedTextField(
        _("URLs on the main website"), blank=True, help_text=_("one URL per line"), max_length=4000
    )
    explanation = LimitedTextField(
        _("explanation (where on the page the data is)"), blank=True, max_length=2000
    )
    elements_checked = models.JSONField(_("elements checked"), default=list, blank=True)
    covers_until = models.DateField(_("data covers until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    filled = models.DateTimeField(_("filled"), null=True, blank=True)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The answer as it stood when approved: what the executive signed.
    approved_state = models.JSONField(
        _("approved answer"), null=True, blank=True, encoder=DjangoJSONEncoder
    )
    # Last year's answer and result, carried through the edition's renumbering.
    previous = models.JSONField(_("last year"), null=True, blank=True, encoder=DjangoJSONEncoder)
    # The link checker's hook (prongsai.links): its last verdict on the URLs, and when.
    link_verdict = models.CharField(_("last link check"), max_length=200, blank=True)
    link_checked = models.DateTimeField(_("links checked"), null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("OIT answer")
        verbose_name_plural = _("OIT answers")
        ordering = ["workspace", "order"]
        constraints = [
            length_constraint("urls", 4000),
            length_constraint("explanation", 2000),
            models.UniqueConstraint(fields=["workspace", "code"], name="one_answer_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.workspace} — {self.code}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.workspace.agency_id}

    @property
    def url_list(self) -> list[str]:
        return [line.strip() for line in self.urls.splitlines() if line.strip()]

    def state(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "urls": self.url_list,
            "explanation": self.explanation,
            "elements_checked": list(self.elements_checked),
            "covers_until": self.covers_until,
        }


class Comment(models.Model):
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="comments", verbose_name=_("OIT answer")
    )
    text = LimitedTextField(_("comment"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "id"]
        constraints = [length_constraint("text", 2000)]

    def __str__(self) -> str:
        return self.text[:60]

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.answer.workspace.agency_id}


class Attachment(models.Model):
    """A file for the agency's own record (ITAS reads the website, not these)."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("OIT answer")
    )
    file = models.FileField(_("file"), upload_to="oit/%Y/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded", "id"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.answer.workspace.agency_id}


auditlog.register(Workspace)
auditlog.register(Answer, exclude_fields=["updated"])
auditlog.register(Comment)
auditlog.register(Attachment, exclude_fields=["content_type"])
