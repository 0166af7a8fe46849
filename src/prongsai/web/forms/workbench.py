"""Forms of the agency workbench: agency details, units and signers, members, measures,
progress rounds and progress entries."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from prongsai import library
from prongsai.agencies.models import Agency, Person, Role, Unit
from prongsai.plans.models import Measure, Plan, ProgressEntry
from prongsai.plans.services import ROUND_MONTHS
from prongsai.thai import to_arabic_digits
from prongsai.web.forms.fields import BEDateField, fiscal_month_choices


class AgencyForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = ["name", "kind", "province", "district", "website", "phone", "document_prefix"]


class LabelledInlineFormSet(BaseInlineFormSet):
    """Says which column repeats by its label (Django names the model fields: "name")."""

    def get_unique_error_message(self, unique_check: Any) -> str:
        fields = self.form.base_fields
        labels = [
            str(fields[name].label) if name in fields else name
            for name in unique_check
            if name != self.fk.name
        ]
        return _("Two rows have the same %(fields)s; each must be different.") % {
            "fields": ", ".join(labels)
        }


class UnitsFormSet(LabelledInlineFormSet):
    """As many blank rows as the units offered in `initial` (an agency's usual units,
    shown to it before anything is stored)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra = max(self.extra, len(self.initial_extra or []))


UnitFormSet = inlineformset_factory(
    Agency,
    Unit,
    formset=UnitsFormSet,
    fields=["name", "order"],
    extra=2,
    can_delete=True,
)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["signs_as", "name", "positions"]
        widgets = {"positions": forms.Textarea(attrs={"rows": 2})}


PersonFormSet = inlineformset_factory(
    Agency,
    Person,
    form=PersonForm,
    formset=LabelledInlineFormSet,
    extra=1,
    max_num=3,
    can_delete=True,
)


class InviteForm(forms.Form):
    """Invite the holder of a username to a role (or change a member's role)."""

    username = forms.CharField(label=_("username"), max_length=150)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, agency: Agency, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = agency.units.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.UNIT_EDITOR and not data.get("unit"):
            self.add_error("unit", _("A unit editor needs the unit whose measures they update."))
        return data

    def clean_username(self) -> str:
        name = self.cleaned_data["username"].strip()
        field = get_user_model()._meta.get_field("username")
        for validator in field.validators:
            validator(name)
        return name


class NewAccountForm(InviteForm):
    """A new account that starts as a member (its password is shown once)."""

    full_name = forms.CharField(label=_("full name"), max_length=150, required=False)
    field_order = ["username", "full_name", "role", "unit"]


class VersionedForm(forms.ModelForm):
    """Carries the version of the row the editor read, so that saving over someone
    else's newer save is refused (the service compares it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version

    def read_version(self) -> int | None:
        return self.cleaned_data.get("version")


class MeasureForm(VersionedForm):
    start = forms.TypedChoiceField(label=_("start month"), coerce=date.fromisoformat)
    end = forms.TypedChoiceField(label=_("end month"), coerce=date.fromisoformat)
    indicators = forms.TypedMultipleChoiceField(
        label=_("indicators answered"),
        coerce=int,
        required=False,
        choices=[(n, str(n)) for n in range(1, 11)],
        widget=forms.CheckboxSelectMultiple,
    )
    oit_items = forms.CharField(
        label=_("OIT items answered"), required=False, help_text=_("e.g. O12, O36")
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "steps",
            "units",
            "start",
            "end",
            "follow_up",
            "kpi",
            "indicators",
            "oit_items",
        ]
        widgets = {
            "steps": forms.Textarea(attrs={"rows": 4}),
            "units": forms.CheckboxSelectMultiple,
        }

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = fiscal_month_choices(plan.fiscal_year)
        self.fields["start"].choices = months
        self.fields["end"].choices = months
        self.fields["units"].queryset = plan.agency.units.all()
        self.edition = library.registry().edition_or_latest(plan.fiscal_year)
        if self.instance.pk:
            self.initial["start"] = self.instance.start.isoformat()
            self.initial["end"] = self.instance.end.isoformat()
            self.initial["oit_items"] = ", ".join(self.instance.oit_items)
        else:
            self.initial.setdefault("start", months[0][0])
            self.initial.setdefault("end", months[-1][0])

    def clean_oit_items(self) -> list[str]:
        """Codes like O12; when the edition lists every item, only codes it has."""
        codes = []
        for raw in to_arabic_digits(self.cleaned_data["oit_items"]).replace(" ", "").split(","):
            if not raw:
                continue
            if len(raw) < 2 or raw[0] not in "Oo" or not raw[1:].isdigit():
                raise forms.ValidationError(_("Write OIT item codes like O12, O36."))
            codes.append(f"O{int(raw[1:])}")
        edition = self.edition
        known = [item.code for item in edition.oit_items]
        unknown = [code for code in codes if code not in known]
        if unknown and edition.oit_items_complete:
            raise forms.ValidationError(
                _(
                    "The ITA %(year)s framework has no item %(codes)s"
                    " (its items are %(first)s–%(last)s)."
                )
                % {
                    "year": edition.fiscal_year,
                    "codes": ", ".join(unknown),
                    "first": known[0],
                    "last": known[-1],
                }
            )
        return codes

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ["title", "steps", "start", "end", "follow_up", "kpi", "indicators", "oit_items"]
        return {name: data[name] for name in names}


class RoundForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("round"),
        coerce=int,
        choices=[(m, _("%(months)s months") % {"months": m}) for m in ROUND_MONTHS],
        initial=6,
    )
    as_of = BEDateField(label=_("as of"))


class RoundDateForm(forms.Form):
    as_of = BEDateField(label=_("as of"))


class EntryForm(VersionedForm):
    """Where a measure stands, and optionally one piece of evidence: saved together, so
    attaching evidence never loses what was typed."""

    done_on = BEDateField(label=_("when"), required=False)
    evidence_file = forms.FileField(
        label=_("file (PDF, JPG, PNG, Word, Excel; at most 10 MB)"), required=False
    )
    evidence_url = forms.URLField(label=_("or a link"), required=False, assume_scheme="https")

    class Meta:
        model = ProgressEntry
        fields = ["status", "done", "done_on", "problems", "solutions", "reason"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("done", "problems", "solutions", "reason")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ProgressEntry.Status.CANCELLED and not data.get("reason"):
            self.add_error("reason", _("A cancelled measure needs a reason."))
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def entry_fields(self) -> list[Any]:
        return [self[name] for name in self.Meta.fields]

    def evidence_fields(self) -> list[Any]:
        return [self["evidence_file"], self["evidence_url"]]
