"""The measures plan of a fiscal year, its progress rounds and their evidence, and the
library measures are suggested from. Workflow rules live in `services`; the models only
keep state."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.fields import LimitedTextField, length_constraint
from prongsai.agencies.labels import bilingual
from prongsai.agencies.models import Agency, Unit
from prongsai.cycle import STATUSES, is_overdue

# Characters: what a progress table cell or a measure's steps can hold in a document.
STEPS_LIMIT = 4000
ENTRY_LIMITS = {"done": 4000, "problems": 2000, "solutions": 2000, "reason": 1000}


class MeasureTemplate(models.Model):
    """A measure the library can suggest: for a weak indicator, or for failed OIT items
    whose titles contain one of its keywords."""

    indicator = models.PositiveSmallIntegerField(
        _("indicator"), null=True, blank=True, help_text=_("1–10; empty for an OIT theme")
    )
    theme = models.CharField(_("OIT theme"), max_length=120, blank=True)
    keywords = models.CharField(
        _("keywords in OIT item titles"), max_length=300, blank=True, help_text=_("comma-separated")
    )
    title = models.CharField(_("title"), max_length=300)
    steps = LimitedTextField(_("steps"), max_length=STEPS_LIMIT, help_text=_("one per line"))
    unit_hint = models.CharField(_("usual unit"), max_length=120, blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=300)
    kpi = models.CharField(_("KPI / target"), max_length=300, blank=True)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("measure template")
        verbose_name_plural = _("measure library")
        ordering = ["indicator", "theme", "id"]
        constraints = [length_constraint("steps", STEPS_LIMIT)]

    def __str__(self) -> str:
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for approval")
        APPROVED = "approved", _("approved")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="plans", verbose_name=_("agency")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    published = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("measures plan")
        verbose_name_plural = _("measures plans")
        ordering = ["agency", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="one_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.fiscal_year}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


class MeasureQuerySet(models.QuerySet["Measure"]):
    def active(self) -> MeasureQuerySet:
        """The measures in the plan, without those taken out of it (archived)."""
        return self.filter(archived=None)


class Measure(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="measures", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("measure"), max_length=300)
    steps = LimitedTextField(_("steps"), max_length=STEPS_LIMIT, help_text=_("one per line"))
    units = models.ManyToManyField(
        Unit, related_name="measures", verbose_name=_("responsible units")
    )
    start = models.DateField(_("start month"))  # the first day of the month
    end = models.DateField(_("end month"))
    follow_up = models.CharField(_("follow-up"), max_length=300)
    kpi = models.CharField(_("KPI / target"), max_length=300, blank=True)
    indicators = models.JSONField(_("indicators answered"), default=list, blank=True)
    oit_items = models.JSONField(_("OIT items answered"), default=list, blank=True)
    # A measure that was in an approved plan, or that has progress, is never deleted:
    # taken out of a reopened plan, it is archived and stays in what was published.
    approved_once = models.BooleanField(_("was in an approved plan"), default=False)
    archived = models.DateTimeField(_("taken out of the plan"), null=True, blank=True)
    # Optimistic locking: every save adds one; a save made from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "number"]
        constraints = [length_constraint("steps", STEPS_LIMIT)]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.plan.agency_id}

    @property
    def step_lines(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class ProgressRound(models.Model):
    """รอบ ๖ / ๑๒ เดือน (or quarterly): where each measure stood on `as_of`."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("plan")
    )
    months = models.PositiveSmallIntegerField(_("round (months)"))
    as_of = models.DateField(_("as of"))
    published = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress round")
        verbose_name_plural = _("progress rounds")
        ordering = ["plan", "months"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "months"], name="one_round_per_months")
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.months}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.plan.agency_id}


class ProgressEntry(models.Model):
    # The statuses and their Thai and English names are the cycle's (prongsai.cycle).
    Status = models.TextChoices(
        "Status",
        [
            (key.upper(), (key, bilingual(thai, english)))
            for key, (thai, english) in STATUSES.items()
        ],
    )

    round = models.ForeignKey(
        ProgressRound, on_delete=models.CASCADE, related_name="entries", verbose_name=_("round")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="entries", verbose_name=_("measure")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    done = LimitedTextField(_("what was done"), max_length=ENTRY_LIMITS["done"], blank=True)
    done_on = models.DateField(_("when"), null=True, blank=True)
    problems = LimitedTextField(_("problems"), max_length=ENTRY_LIMITS["problems"], blank=True)
    solutions = LimitedTextField(_("solutions"), max_length=ENTRY_LIMITS["solutions"], blank=True)
    reason = LimitedTextField(
        _("why it was cancelled"), max_length=ENTRY_LIMITS["reason"], blank=True
    )
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # as Measure.version

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        constraints = [
            models.UniqueConstraint(fields=["round", "measure"], name="one_entry_per_measure"),
            *(length_constraint(name, limit) for name, limit in ENTRY_LIMITS.items()),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.measure}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.round.plan.agency_id}

    @property
    def overdue(self) -> bool:
        return is_overdue(self.status, self.measure.end, self.round.as_of)


class Evidence(models.Model):
    entry = models.ForeignKey(
        ProgressEntry, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("progress")
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.entry.round.plan.agency_id}


class PlanReturn(models.Model):
    """The executive sent a submitted plan back for revision, saying what to change."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="returns", verbose_name=_("plan")
    )
    comment = LimitedTextField(_("comment"), max_length=2000)
    returned = models.DateTimeField(_("returned"), auto_now_add=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved = models.DateTimeField(_("submitted again"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan returned for revision")
        verbose_name_plural = _("plans returned for revision")
        ordering = ["-returned", "-id"]
        constraints = [length_constraint("comment", 2000)]

    def __str__(self) -> str:
        return f"{self.plan} — {self.returned:%Y-%m-%d}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.plan.agency_id}


class PublicDocument(models.Model):
    """The PDF of a public page, rendered once when what it shows was published (an ITA
    year's analysis, a plan, a progress round) and served as stored to every visitor.
    It exists only while what it shows is public; its file goes with its row."""

    class Kind(models.TextChoices):
        ANALYSIS = "analysis", _("ITA analysis")
        MEASURES = "measures", _("measures plan")
        PROGRESS = "progress", _("progress report")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    kind = models.CharField(_("document"), max_length=16, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    months = models.PositiveSmallIntegerField(_("round (months)"), default=0)  # 0: not a round
    file = models.FileField(_("file"), upload_to="public/%Y/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    rendered = models.DateTimeField(_("rendered"))

    class Meta:
        verbose_name = _("public document")
        verbose_name_plural = _("public documents")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "fiscal_year", "months"], name="one_public_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind} {self.fiscal_year} {self.months}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"agency": self.agency_id}


auditlog.register(MeasureTemplate)
auditlog.register(Plan)
auditlog.register(PlanReturn)
auditlog.register(Measure, m2m_fields={"units"}, exclude_fields=["version"])
auditlog.register(ProgressRound)
auditlog.register(ProgressEntry, exclude_fields=["updated", "updated_by", "version"])
auditlog.register(Evidence, exclude_fields=["content_type"])
auditlog.register(PublicDocument, exclude_fields=["sha256"])
