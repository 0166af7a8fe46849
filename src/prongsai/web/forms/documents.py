"""Forms of the documents pages: the unit that issues each kind of document, and the
free-text parts of an ITA year's analysis report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Unit


class IssuerForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("issuing unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("default (สำนักปลัด)"),
    )
    phone = forms.CharField(label=_("phone"), max_length=60, required=False)

    def __init__(self, agency: Agency, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = agency.units.all()


class DocumentTextsForm(forms.Form):
    introduction = forms.CharField(
        label=_("introduction (principles and reasons)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    recommendations = forms.CharField(
        label=_("recommendations"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One paragraph per recommendation, separated by a blank line; "
            "a paragraph of several lines starts with its heading."
        ),
    )
    limitations = forms.CharField(
        label=_("limitations of the analysis"), widget=forms.Textarea(attrs={"rows": 4})
    )
