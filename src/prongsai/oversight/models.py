"""Oversight bodies (a province, a district, a ministry unit, any named group), who
sits in them, which agencies they oversee, and the standing of each agency's ITA year
that their dashboards read.

A `Standing` repeats a few figures of an assessment's stored analysis (never
recomputed: copied from what the engine said) so that a dashboard over thousands of
agencies reads small rows instead of thousands of JSON analyses.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyKind, Assessment


class Body(models.Model):
    """Who oversees: its scope is every agency that matches its province, district and
    kinds (each only when given), plus the agencies listed by name."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        DISTRICT = "district", _("district")
        MINISTRY = "ministry", _("ministry unit")
        GROUP = "group", _("named group")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    kinds = models.JSONField(
        _("agency kinds"), default=list, blank=True, help_text=_("empty: every kind")
    )
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="listed_in", verbose_name=_("listed agencies")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        through="BodyMember",
        related_name="oversight_bodies",
        verbose_name=_("members"),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("oversight body")
        verbose_name_plural = _("oversight bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_scope(self) -> bool:
        return bool(self.province or self.district or self.kinds)


class BodyMember(models.Model):
    """Who sits in a body and what they may do there. Every member reads the body's
    agencies as their own viewers would; a manager also imports results for them (a
    province's list), and neither ever writes anything else of an agency."""

    class Role(models.TextChoices):
        READER = "reader", _("reader")
        MANAGER = "manager", _("manager (imports results)")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, verbose_name=_("oversight body"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.READER)

    class Meta:
        # the table the members list had before roles: its rows stay as readers
        db_table = "oversight_body_members"
        unique_together = [("body", "user")]
        verbose_name = _("member of an oversight body")
        verbose_name_plural = _("members of oversight bodies")

    def __str__(self) -> str:
        return f"{self.user} — {self.body}"


class Standing(models.Model):
    """One agency's ITA year as a dashboard needs it (from the assessment's analysis)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="standing", verbose_name=_("assessment")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="standings", verbose_name=_("agency")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ITA year (BE)"))
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    overall = models.DecimalField(_("overall"), max_digits=5, decimal_places=2, null=True)
    grade = models.CharField(_("grade"), max_length=4, blank=True)
    rating = models.CharField(_("rating"), max_length=40, blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    tools = models.JSONField(_("tool scores"), default=dict)
    indicators = models.JSONField(_("indicator scores"), default=dict)
    # comma-separated, so a dashboard over thousands reads them without JSON decoding
    weak = models.CharField(_("weak indicators"), max_length=60, blank=True)
    failed_items = models.TextField(_("failed OIT items"), blank=True)
    generated = models.BooleanField(_("generated (demo)"), default=False)

    class Meta:
        verbose_name = _("standing")
        verbose_name_plural = _("standings")
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="one_standing_a_year")
        ]
        indexes = [models.Index(fields=["fiscal_year", "province", "kind"])]

    def __str__(self) -> str:
        return f"{self.agency_id} — {self.fiscal_year}"


auditlog.register(Body, m2m_fields={"agencies"})
auditlog.register(BodyMember)  # joining, leaving and a changed role
