"""One form for an ITA year's results, shaped by its framework edition.

The same form is the manual entry page (empty) and the import preview (filled with
what the reader found, each value beside its source). It produces a results document;
the engine, not the form, decides whether the numbers make sense.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from prongsai.engine.model import Framework
from prongsai.thai import to_arabic_digits

SIGNING_SALT = "prongsai.import-source"


class ScoreField(forms.DecimalField):
    """A score 0–100 that accepts Thai digits and a decimal comma."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        message = _("Write a score from 0 to 100, e.g. 85.5 (at most 3 decimal places).")
        kwargs.setdefault(
            "error_messages",
            dict.fromkeys(
                ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places"), message
            ),
        )
        super().__init__(min_value=0, max_value=100, max_digits=6, decimal_places=3, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "score"})
        self.widget.input_type = "text"

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = to_arabic_digits(value).strip().replace(",", ".")
        return super().to_python(value)


class ResultsForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("ITA year (BE)"),
        min_value=2500,
        max_value=2700,
        error_messages={
            code: _("Write the ITA year in the Buddhist era, e.g. 2568.")
            for code in ("invalid", "min_value", "max_value")
        }
        | {"required": _("Write the ITA year (BE).")},
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, framework: Framework, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        for indicator in framework.indicators:
            self.fields[f"ind_{indicator.number}"] = ScoreField(
                label=f"{indicator.number}. {indicator.name}"
            )
        for tool in framework.tools:
            self.fields[f"tool_{tool.code}"] = ScoreField(label=tool.code)
        self.fields["overall"] = ScoreField(label=_("Overall score as announced"))
        grade_choices = [("", "–"), *((g.grade, g.grade) for g in framework.grades)]
        self.fields["grade"] = forms.ChoiceField(
            label=_("Grade as announced"), choices=grade_choices, required=False
        )
        passed_choices = [("", "–"), ("true", _("passed")), ("false", _("not passed"))]
        self.fields["passed"] = forms.ChoiceField(
            label=_("Passed, as announced"), choices=passed_choices, required=False
        )
        if framework.rating:
            rating_choices = [("", "–"), *((r.label, r.label) for r in framework.rating)]
            self.fields["rating"] = forms.ChoiceField(
                label=_("Rating as announced"), choices=rating_choices, required=False
            )
        for question in framework.questions:
            self.fields[f"q_{question.code}"] = ScoreField(label=question.code)
        item_choices = [("", "–"), ("pass", _("passed")), ("fail", _("failed (0)"))]
        for item in framework.oit_items:
            self.fields[f"oit_{item.code}"] = forms.ChoiceField(
                label=item.code, choices=item_choices, required=False
            )
            self.fields[f"oitc_{item.code}"] = forms.CharField(
                label=_("Assessor's comment"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def clean_source(self) -> dict[str, Any]:
        value = self.cleaned_data.get("source") or ""
        if not value:
            return {}
        try:
            return dict(signing.loads(value, salt=SIGNING_SALT))
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("The import data was altered; import the file again.")
            ) from exc

    def document(self, agency_name: str) -> dict[str, Any]:
        """The results document the cleaned form describes."""
        data = self.cleaned_data
        document: dict[str, Any] = {"agency": agency_name, "fiscal_year": data["fiscal_year"]}
        sections: dict[str, dict[str, Any]] = {
            "indicators": {},
            "questions": {},
            "oit_items": {},
            "oit_comments": {},
        }
        reported: dict[str, Any] = {}
        for name, value in data.items():
            if value in (None, ""):
                continue
            prefix, _sep, code = name.partition("_")
            if prefix == "ind":
                sections["indicators"][code] = value
            elif prefix == "q":
                sections["questions"][code] = value
            elif prefix == "oit":
                sections["oit_items"][code] = 100 if value == "pass" else 0
            elif prefix == "tool":
                reported[code] = value
            elif name in ("overall", "grade", "rating"):
                reported[name] = value
            elif name == "passed":
                reported[name] = value == "true"
        for code, _item in list(sections["oit_items"].items()):
            comment = data.get(f"oitc_{code}")
            if comment and sections["oit_items"][code] == 0:
                sections["oit_comments"][code] = comment
        document.update({name: values for name, values in sections.items() if values})
        if reported:
            document["reported"] = reported
        return document


def initial_from_document(document: dict[str, Any]) -> dict[str, Any]:
    """Form values for a results document (an import's, or a stored assessment's)."""
    initial: dict[str, Any] = {"fiscal_year": document.get("fiscal_year")}
    for code, value in (document.get("indicators") or {}).items():
        initial[f"ind_{code}"] = value
    for code, value in (document.get("questions") or {}).items():
        if not isinstance(value, list):
            initial[f"q_{code}"] = value
    for code, value in (document.get("oit_items") or {}).items():
        initial[f"oit_{code}"] = "pass" if value in (100, True, "100") else "fail"
    for code, value in (document.get("oit_comments") or {}).items():
        initial[f"oitc_{code}"] = value
    for name, value in (document.get("reported") or {}).items():
        if name in ("overall", "grade", "rating"):
            initial[name] = value
        elif name == "passed":
            initial[name] = "true" if value else "false"
        elif name.isupper():
            initial[f"tool_{name}"] = value
    if document.get("source"):
        plain = json.loads(json.dumps(document["source"], cls=DjangoJSONEncoder))
        initial["source"] = signing.dumps(plain, salt=SIGNING_SALT, compress=True)
    return initial


# Which form field an evidence field ("indicators.3") fills.
def field_of(evidence_field: str) -> str:
    section, _sep, code = evidence_field.partition(".")
    if section == "reported":
        return code if code in ("overall", "grade", "rating", "passed") else f"tool_{code}"
    prefix = {"indicators": "ind", "questions": "q", "oit_items": "oit", "oit_comments": "oitc"}
    return f"{prefix.get(section, section)}_{code}"


def form_sections(form: ResultsForm, evidence: dict[str, Any]) -> list[dict[str, Any]]:
    """The form's rows grouped for the page, each with the evidence the reader found."""

    def rows(prefix: str) -> list[dict[str, Any]]:
        return [
            {
                "field": form[name],
                "evidence": evidence.get(name),
                "comment": form[f"oitc_{name[4:]}"] if prefix == "oit_" else None,
                "comment_evidence": evidence.get(f"oitc_{name[4:]}") if prefix == "oit_" else None,
            }
            for name in form.fields
            if name.startswith(prefix)
        ]

    reported = [n for n in ("overall", "grade", "rating", "passed") if n in form.fields]
    return [
        {"title": _("Indicators"), "rows": rows("ind_"), "open": True},
        {
            "title": _("Tool and overall scores as announced"),
            "rows": rows("tool_")
            + [{"field": form[n], "evidence": evidence.get(n)} for n in reported],
            "open": True,
        },
        {
            "title": _("Question scores (IIT, EIT)"),
            "rows": rows("q_"),
            "open": any(k.startswith("q_") for k in evidence),
        },
        {
            "title": _("OIT items and the assessor's comments"),
            "rows": rows("oit_"),
            "open": any(k.startswith("oit_") for k in evidence),
            "has_comments": True,
        },
    ]


class ThresholdForm(forms.Form):
    """The threshold the results page ranks strengths and weaknesses against."""

    threshold = ScoreField(
        label=_("Threshold"),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places"),
            _("The threshold must be a score from 0 to 100, e.g. 85 or 90."),
        ),
    )
