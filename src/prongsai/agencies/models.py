"""Agencies and their ITA results. Scores are never computed here: the engine does it
in `services.save_assessment`, and the model keeps what it said."""

from __future__ import annotations

import hashlib
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.fields import LimitedTextField, length_constraint
from prongsai.agencies.labels import bilingual
from prongsai.cycle import DOCUMENT_KINDS
from prongsai.thai.agencies import agency_kind


class AgencyKind(models.TextChoices):
    SAO = "sao", _("Subdistrict Administrative Organisation (SAO)")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("Subdistrict municipality")
    TOWN_MUNICIPALITY = "town_municipality", _("Town municipality")
    CITY_MUNICIPALITY = "city_municipality", _("City municipality")
    PAO = "pao", _("Provincial Administrative Organisation (PAO)")
    GOVERNMENT = "government", _("Government agency")
    OTHER = "other", _("Other")


def kind_from_name(name: str) -> AgencyKind:
    return AgencyKind(agency_kind(name))


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    document_prefix = models.CharField(
        _("document number prefix"), max_length=60, blank=True, help_text=_("e.g. ขก ๗๒๕๐๑/")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.pk}


class Unit(models.Model):
    """สำนัก / กอง / หน่วย: who is responsible for a measure."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="units", verbose_name=_("agency")
    )
    name = models.CharField(_("unit"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unique_unit_name")]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


POSITIONS_LIMIT = 600  # up to three position lines under a signature


class Person(models.Model):
    """Someone who signs: name and one to three position lines (acting titles included)."""

    class Signs(models.TextChoices):
        OFFICER = "officer", _("officer who writes the memo")
        HEAD = "head", _("permanent secretary (comments on the memo)")
        EXECUTIVE = "executive", _("executive (approves, signs the announcement)")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="people", verbose_name=_("agency")
    )
    signs_as = models.CharField(_("signs as"), max_length=16, choices=Signs.choices)
    name = models.CharField(_("full name"), max_length=200)
    positions = LimitedTextField(
        _("positions"),
        max_length=POSITIONS_LIMIT,
        help_text=_("one per line, e.g. รักษาราชการแทนนายก…"),
    )

    class Meta:
        verbose_name = _("signer")
        verbose_name_plural = _("signers")
        constraints = [
            models.UniqueConstraint(fields=["agency", "signs_as"], name="one_signer_per_role"),
            length_constraint("positions", POSITIONS_LIMIT),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}

    @property
    def position_lines(self) -> list[str]:
        return [line.strip() for line in self.positions.splitlines() if line.strip()][:3]


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    COORDINATOR = "coordinator", _("ITA coordinator")
    UNIT_EDITOR = "unit_editor", _("unit editor")
    EXECUTIVE = "executive", _("executive")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    """A user's role in one agency; a provincial officer has several memberships."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("unit"),
        help_text=_("for a unit editor: the unit whose measures they update"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="one_role_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.agency} ({self.get_role_display()})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def waiting(self) -> InvitationQuerySet:
        """Pending and not expired: still to be answered."""
        return self.filter(state=Invitation.State.PENDING, expires__gt=timezone.now())


class Invitation(models.Model):
    """An administrator's offer of a role in the agency to a username; the membership is
    made only when its holder accepts. It names a username, not a user: inviting a name
    that has no account is stored the same way, so it tells nothing about other people's
    accounts (the name's holder sees it once such an account exists)."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("agency")
    )
    username = models.CharField(_("username"), max_length=150)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("unit")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    invited = models.DateTimeField(_("invited"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires = models.DateTimeField(_("valid until"))
    answered = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-invited", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "username"],
                condition=models.Q(state="pending"),
                name="one_pending_invitation_per_username",
            )
        ]

    def __str__(self) -> str:
        return f"{self.username} — {self.agency} ({self.get_role_display()})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


class Assessment(models.Model):
    """One ITA year of one agency: the results document and the engine's analysis of it."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("agency")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("ITA year (BE)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    framework = models.CharField(_("framework edition"), max_length=64)
    results = models.JSONField(_("results document"), encoder=DjangoJSONEncoder)
    analysis = models.JSONField(_("analysis"), encoder=DjangoJSONEncoder)
    source = models.CharField(_("source"), max_length=300, blank=True)
    published = models.DateTimeField(_("published"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["agency__name", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"], name="one_assessment_per_agency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — ITA {self.fiscal_year}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}  # lets the audit trail be read per agency

    @property
    def overall(self) -> Any:
        return self.analysis.get("overall")

    @property
    def overall_display(self) -> str:
        return "–" if self.overall is None else f"{self.overall:.2f}"

    @property
    def grade(self) -> str | None:
        return self.analysis.get("grade")

    @property
    def warning_count(self) -> int:
        return len(self.analysis.get("warnings", []))


class AssessmentVersion(models.Model):
    """A results document an assessment held before it was replaced: nothing is lost."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="versions", verbose_name=_("assessment")
    )
    results = models.JSONField(_("results document"), encoder=DjangoJSONEncoder)
    analysis = models.JSONField(_("analysis"), encoder=DjangoJSONEncoder)
    source = models.CharField(_("source"), max_length=300, blank=True)
    saved = models.DateTimeField(_("saved"))
    replaced = models.DateTimeField(_("replaced"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["-replaced"]

    def __str__(self) -> str:
        return f"{self.assessment} ({self.saved:%Y-%m-%d %H:%M})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.assessment.agency_id}


class DocumentTemplate(models.Model):
    """An agency's own Word template for one document kind, used instead of the built-in."""

    KINDS = tuple(
        (key, bilingual(thai, english)) for key, (thai, english) in DOCUMENT_KINDS.items()
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="templates", verbose_name=_("agency")
    )
    kind = models.CharField(_("document"), max_length=32, choices=KINDS)
    name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("Word file"))
    # The audit trail keeps this instead of the file: which file was uploaded, or removed.
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, editable=False)
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
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="one_template_per_agency_kind")
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_kind_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        if kwargs.get("update_fields") is not None:  # update_or_create names its fields
            kwargs["update_fields"] = {*kwargs["update_fields"], "sha256"}
        super().save(*args, **kwargs)

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


# Every model is in the audit trail (tests/test_audit.py checks it); the analysis is
# derived from the results, and a template's Word file is represented by its SHA-256.
auditlog.register(Agency, exclude_fields=["created", "updated"])
auditlog.register(Unit)
auditlog.register(Person)
auditlog.register(Membership)
auditlog.register(Invitation)
auditlog.register(
    Assessment, include_fields=["fiscal_year", "framework", "results", "source", "published"]
)


from prongsai.agencies.document_models import (  # noqa: E402, F401  Django finds them here
    AgencyImage,
    DocumentIssuer,
    DocumentTexts,
)

auditlog.register(AssessmentVersion, exclude_fields=["results", "analysis"])
auditlog.register(DocumentTemplate, exclude_fields=["content"])
