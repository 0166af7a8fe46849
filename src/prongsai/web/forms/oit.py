"""Forms of the OIT workspace: an item's answer, its assignment, comments and files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.oit.models import keywords_in
from prongsai.web.forms.fields import BEDateField

AVAILABLE_CHOICES = [("", "–"), ("yes", "มี"), ("no", "ไม่มี")]


class AnswerForm(forms.Form):
    available = forms.ChoiceField(
        label=_("available (มี/ไม่มี)"), choices=AVAILABLE_CHOICES, required=False
    )
    urls = forms.CharField(
        label=_("URLs on the main website"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("one URL per line"),
    )
    explanation = forms.CharField(
        label=_("explanation (where on the page the data is)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    elements_checked = forms.MultipleChoiceField(
        label=_("elements checked"), required=False, widget=forms.CheckboxSelectMultiple
    )
    covers_until = BEDateField(label=_("data covers until"), required=False)
    link_keywords = forms.CharField(
        label=_("words the page must show"),
        required=False,
        max_length=200,
        help_text=_("optional, separated by commas; the link check warns when one is missing"),
    )

    def __init__(self, elements: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["elements_checked"].choices = [(e, e) for e in elements]

    @classmethod
    def initial_of(cls, answer: Any) -> dict[str, Any]:
        return {
            "available": {True: "yes", False: "no"}.get(answer.available, ""),
            "urls": answer.urls,
            "explanation": answer.explanation,
            "elements_checked": answer.elements_checked,
            "covers_until": answer.covers_until,
            "link_keywords": answer.link_keywords,
        }

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "available": {"yes": True, "no": False}.get(data["available"]),
            "urls": "\n".join(data["urls"].split()),
            "explanation": data["explanation"].strip(),
            "elements_checked": list(data["elements_checked"]),
            "covers_until": data["covers_until"],
            "link_keywords": ", ".join(keywords_in(data["link_keywords"])),
        }


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=None, required=False)
    assignee = forms.ModelChoiceField(label=_("person responsible"), queryset=None, required=False)
    due = BEDateField(label=_("due date"), required=False)

    def __init__(self, units: Any, people: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["assignee"].queryset = people
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username


class CommentForm(forms.Form):
    text = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"))
