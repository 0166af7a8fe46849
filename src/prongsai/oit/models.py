"""The OIT evidence workspace of one agency and ITA year: an answer per OIT item of the
edition, who fills it, its review and approval, comments and the agency's own files.
Workflow rules live in `services`; the models only keep state."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.fields import LimitedTextField, length_constraint
from prongsai.agencies.models import Agency, Unit
from prongsai.thai import to_arabic_digits


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


def keywords_in(text: str) -> tuple[str, ...]:
    """The words a linked page must show, as typed: separated by commas."""
    return tuple(k.strip() for k in text.split(",") if k.strip())


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
    # Words the page must show; the link check warns when one is missing.
    link_keywords = models.CharField(
        _("words the page must show"),
        max_length=200,
        blank=True,
        help_text=_("optional, separated by commas; the link check warns when one is missing"),
    )
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

    @property
    def link_verdict_label(self) -> str:
        """The last link check's verdict in words ("passed", …), from its code."""
        labels = dict(LinkCheck.Verdict.choices)
        return str(labels.get(self.link_verdict, self.link_verdict))

    @property
    def keyword_list(self) -> tuple[str, ...]:
        return keywords_in(self.link_keywords)

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


class LinkCheck(models.Model):
    """One check of one URL of an answer: the verdict, its reasons and the proof (what the
    server answered, a hash, and the page or file itself up to LINK_SNAPSHOT_BYTES).

    A machine's record, kept as history (not audited: it is the history itself)."""

    class Verdict(models.TextChoices):
        # The values are prongsai.links' verdicts.
        OK = "ok", _("passed")
        BROKEN = "broken", _("does not open")
        SOFT_404 = "soft_404", _("the page does not really exist")
        OFF_DOMAIN = "off_domain", _("leaves the main website")
        WRONG_YEAR = "wrong_year", _("not the right fiscal year")
        TIMEOUT = "timeout", _("timed out")
        WARNING = "warning", _("check by hand")

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="link_checks", verbose_name=_("OIT answer")
    )
    url = models.CharField(_("URL"), max_length=2000)
    final_url = models.CharField(_("final address"), max_length=2000, blank=True)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    # [{"code", "message" (English), "thai"}], as prongsai.links gives them.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField(default=0)
    file_type = models.CharField(max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("size received"), default=0)
    checked = models.DateTimeField(_("checked"))
    # The proof: response headers, the SHA-256 of every byte received, the capped body.
    headers = models.JSONField(default=list, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    snapshot = models.FileField(_("copy of the page or file"), blank=True, max_length=200)
    snapshot_truncated = models.BooleanField(default=False)
    content_type = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-checked", "-id"]
        indexes = [
            models.Index(fields=["answer", "url", "-checked"], name="link_check_history"),
        ]

    def __str__(self) -> str:
        return f"{self.url} {self.verdict}"

    @property
    def passed(self) -> bool:
        return self.verdict == self.Verdict.OK

    def reason_texts(self) -> list[str]:
        """The reasons in the language of the page (Thai by default)."""
        if (get_language() or "th").startswith("th"):
            # Web pages write numbers in Arabic digits; documents use Thai ones.
            return [to_arabic_digits(r.get("thai", "")) for r in self.reasons]
        return [r.get("message", "") for r in self.reasons]


class LinkSchedule(models.Model):
    """The one pending nightly re-check: which task it is (so that exactly one waits)."""

    name = models.CharField(max_length=40, unique=True)
    task_id = models.CharField(max_length=64, blank=True)
    run_after = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} {self.run_after}"


auditlog.register(Workspace)
# The link checker's summary is a machine's note, every night: not an agency's change.
auditlog.register(Answer, exclude_fields=["updated", "link_verdict", "link_checked"])
auditlog.register(Comment)
auditlog.register(Attachment, exclude_fields=["content_type"])
