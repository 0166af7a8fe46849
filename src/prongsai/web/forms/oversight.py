"""Forms of the oversight pages: the dashboard's filters and the import of many
agencies' results."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.oversight.dashboard import SORTS

SORT_LABELS = {
    "name": _("name (Thai dictionary order)"),
    "-overall": _("score, highest first"),
    "overall": _("score, lowest first"),
    "-change": _("biggest rise"),
    "change": _("biggest fall"),
    "district": _("district"),
}


class FilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(s, SORT_LABELS[s]) for s in SORTS]
    )

    def __init__(self, data: object, districts: list[str], kinds: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["district"].choices = [("", _("every district"))] + [(d, d) for d in districts]
        self.fields["kind"].choices = [("", _("every kind")), *kinds]


def chosen(query: Any) -> dict[str, str]:
    """The filters asked for (the form shows them; an unknown district lists nothing)."""
    sort = query.get("sort", "")
    return {
        "district": query.get("district", "")[:100],
        "kind": query.get("kind", "")[:32],
        "sort": sort if sort in SORTS else "name",
    }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Table or report file"),
        required=False,
        help_text=_("CSV or Excel, one agency a row; or a report text, Word or PDF"),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("e.g. NACC's page of a province's results"),
    )
    year = forms.IntegerField(
        label=_("ITA year (BE)"), required=False, min_value=2560, max_value=2600
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or paste a text."))
        return data
