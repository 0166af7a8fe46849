"""Editions a system administrator prepares on the web: a draft (YAML, the same format
as the built-in files) that is validated by the engine and, once published, written to
the library for every agency. The YAML file stays the single format of an edition."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.fields import LimitedTextField, length_constraint


class EditionDraft(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    key = models.CharField(_("edition key"), max_length=64, unique=True)
    fiscal_year = models.PositiveSmallIntegerField(_("ITA year (BE)"))
    based_on = models.CharField(_("copied from"), max_length=64, blank=True)
    data = LimitedTextField(_("edition (YAML)"), max_length=500_000)  # a YAML edition is ~30 KB
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("edition draft")
        verbose_name_plural = _("edition drafts")
        ordering = ["-fiscal_year", "key"]
        constraints = [length_constraint("data", 500_000)]

    def __str__(self) -> str:
        return self.key


auditlog.register(EditionDraft, exclude_fields=["updated", "updated_by"])
