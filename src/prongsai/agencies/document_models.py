"""What an agency sets once for its documents (the unit that issues each kind, its
emblem and logo) and what it writes each ITA year (the free-text parts of the analysis
report). Imported by `models`, so Django sees them as the agencies app's models."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.fields import LimitedTextField, length_constraint


class DocumentIssuer(models.Model):
    """The unit (usually สำนักปลัด) and phone number that issue one kind of document:
    the memo's "ส่วนราชการ" line and its body name it."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="issuers",
        verbose_name=_("agency"),
    )
    kind = models.CharField(_("document"), max_length=32)
    unit = models.ForeignKey(
        "agencies.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    phone = models.CharField(_("phone"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("issuing unit")
        verbose_name_plural = _("issuing units")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="one_issuer_per_agency_kind")
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.kind}: {self.unit}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


class AgencyImage(models.Model):
    """The agency's ครุฑ emblem or logo, checked to be a PNG or JPEG image by its content."""

    class Kind(models.TextChoices):
        EMBLEM = "emblem", _("Garuda emblem")
        LOGO = "logo", _("logo")

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="images",
        verbose_name=_("agency"),
    )
    kind = models.CharField(_("image"), max_length=16, choices=Kind.choices)
    content = models.BinaryField(_("image file"))
    content_type = models.CharField(_("type"), max_length=20)
    width = models.PositiveIntegerField(_("width (px)"))
    height = models.PositiveIntegerField(_("height (px)"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("agency image")
        verbose_name_plural = _("agency images")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="one_image_per_agency_kind")
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_kind_display()}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


class DocumentTexts(models.Model):
    """The free-text parts of an ITA year's analysis report as the agency wrote them;
    an empty one means the built-in default text."""

    assessment = models.OneToOneField(
        "agencies.Assessment",
        on_delete=models.CASCADE,
        related_name="texts",
        verbose_name=_("assessment"),
    )
    introduction = LimitedTextField(
        _("introduction (principles and reasons)"), blank=True, max_length=4000
    )
    recommendations = LimitedTextField(_("recommendations"), blank=True, max_length=8000)
    limitations = LimitedTextField(_("limitations of the analysis"), blank=True, max_length=4000)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document texts")
        verbose_name_plural = _("document texts")
        constraints = [
            length_constraint("introduction", 4000),
            length_constraint("recommendations", 8000),
            length_constraint("limitations", 4000),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.assessment.agency_id}


auditlog.register(DocumentIssuer)
auditlog.register(AgencyImage, exclude_fields=["content"])
auditlog.register(DocumentTexts)
