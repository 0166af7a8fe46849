"""Forms for an edition's OIT grouping and items, and for starting a draft."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from prongsai.engine.model import CONFIDENCES

CONFIDENCE_CHOICES = [(level, level) for level in CONFIDENCES]
CODE = {"class": "code"}
WIDE = {"class": "wide"}
DATA_YEARS = [
    ("current", _("this fiscal year")),
    ("previous", _("the previous fiscal year")),
    ("any", _("any year")),
]


class SubIndicatorForm(forms.Form):
    code = forms.RegexField(
        label=_("code"), regex=r"^(9|10)\.\d{1,2}$", max_length=6, widget=forms.TextInput(CODE)
    )
    name = forms.CharField(label=_("name"), max_length=200, widget=forms.TextInput(WIDE))
    confidence = forms.ChoiceField(label=_("confidence"), choices=CONFIDENCE_CHOICES)
    source = forms.CharField(label=_("source"), max_length=60)
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def record(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "indicator": int(data["code"].split(".")[0]),
            "name": data["name"],
            "confidence": data["confidence"],
            "source": data["source"],
            "note": data["note"],
        }


class OitItemForm(forms.Form):
    code = forms.RegexField(
        label=_("code"), regex=r"^O\d{1,3}$", max_length=5, widget=forms.TextInput(CODE)
    )
    title = forms.CharField(label=_("title"), max_length=300, widget=forms.TextInput(WIDE))
    sub_indicator = forms.CharField(
        label=_("sub-indicator"), max_length=6, widget=forms.TextInput(CODE)
    )
    data_year = forms.ChoiceField(label=_("data year"), choices=DATA_YEARS)
    previous = forms.CharField(
        label=_("previous codes"), max_length=100, required=False, help_text=_("e.g. O11, O12")
    )
    elements = forms.CharField(label=_("required elements"), max_length=2000, required=False)
    confidence = forms.ChoiceField(label=_("confidence"), choices=CONFIDENCE_CHOICES)
    source = forms.CharField(label=_("source"), max_length=60)
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def record(self) -> dict[str, Any]:
        data = self.cleaned_data
        previous = [c.strip() for c in data["previous"].split(",") if c.strip()]
        return {
            "code": data["code"],
            "title": data["title"],
            "sub_indicator": data["sub_indicator"],
            "elements": data["elements"],
            "data_year": data["data_year"],
            "previous": previous,
            "confidence": data["confidence"],
            "source": data["source"],
            "note": data["note"],
        }


SubIndicatorFormSet = formset_factory(SubIndicatorForm, extra=1, can_delete=True, max_num=30)
OitItemFormSet = formset_factory(OitItemForm, extra=3, can_delete=True, max_num=120)


def records(formset: Any) -> list[dict[str, Any]]:
    """The rows a valid formset keeps (filled and not deleted), in order."""
    return [
        form.record()
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def initial_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**item, "previous": ", ".join(item.get("previous") or [])} for item in items]


class NewEditionForm(forms.Form):
    source_key = forms.ChoiceField(label=_("copy from"))
    fiscal_year = forms.IntegerField(label=_("ITA year (BE)"), min_value=2500, max_value=2700)

    def __init__(self, keys: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_key"].choices = [(k, k) for k in keys]


class WorkbookForm(forms.Form):
    file = forms.FileField(label=_("framework workbook (.xlsx)"))
