from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prongsai import library
from prongsai.agencies.models import Agency, Assessment, AssessmentVersion, Membership, Unit
from prongsai.agencies.services import save_assessment
from prongsai.engine import ResultsError, framework_for, parse_results
from prongsai.engine.serialize import results_to_document
from prongsai.engine.yamlio import YamlError, dump_yaml, load_yaml


class AssessmentInline(admin.TabularInline):
    model = Assessment
    fields = ("fiscal_year", "framework", "overall_display", "grade", "warning_count")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province", "district")
    list_filter = ("kind", "province")
    search_fields = ("name", "province", "district")
    inlines = [UnitInline, MembershipInline, AssessmentInline]


class AssessmentForm(forms.ModelForm):
    """Results are edited as a YAML results document; the engine checks it before saving."""

    results_yaml = forms.CharField(
        label=_("results document (YAML)"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90}),
        help_text=_("The format of `prongsai analyze`: fiscal_year, indicators, questions, …"),
    )

    class Meta:
        model = Assessment
        fields = ("agency", "source")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Stored numbers are exact decimal strings; show them as plain numbers again.
            document = results_to_document(parse_results(self.instance.results))
            self.fields["results_yaml"].initial = dump_yaml(document)

    def clean_results_yaml(self) -> Any:
        try:
            document = load_yaml(self.cleaned_data["results_yaml"])
            results = parse_results(document)
            framework_for(library.registry(), results)
        except YamlError as exc:
            raise forms.ValidationError(str(exc)) from exc
        except ResultsError as exc:
            raise forms.ValidationError([p.message for p in exc.problems]) from exc
        if self.instance.pk and results.fiscal_year != self.instance.fiscal_year:
            raise forms.ValidationError(
                _("The ITA year of a saved assessment cannot change; add a new assessment.")
            )
        agency = self.cleaned_data.get("agency")
        taken = Assessment.objects.filter(agency=agency, fiscal_year=results.fiscal_year)
        if not self.instance.pk and taken.exists():
            raise forms.ValidationError(
                _("This agency already has results for that ITA year; edit them instead.")
            )
        return document


class VersionInline(admin.TabularInline):
    """Results an assessment held before they were replaced: read only."""

    model = AssessmentVersion
    fields = ("saved", "source", "replaced", "replaced_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    form = AssessmentForm

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [VersionInline] if obj is not None else []

    list_display = (
        "agency",
        "fiscal_year",
        "framework",
        "overall_display",
        "grade",
        "warning_count",
    )
    list_filter = ("fiscal_year", "framework")
    search_fields = ("agency__name",)
    readonly_fields = ("framework", "summary")

    @admin.display(description=_("engine's analysis"))
    def summary(self, obj: Assessment) -> str:
        if not obj.pk:
            return "–"
        lines = [f"{obj.overall_display}  {obj.grade or '–'}"]
        lines += [f"[{w['code']}] {w['message']}" for w in obj.analysis.get("warnings", [])]
        return "\n".join(lines)

    def save_model(self, request: HttpRequest, obj: Assessment, form: Any, change: bool) -> None:
        saved = save_assessment(
            agency=form.cleaned_data["agency"],
            document=form.cleaned_data["results_yaml"],
            source=form.cleaned_data.get("source", ""),
            user=request.user,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
