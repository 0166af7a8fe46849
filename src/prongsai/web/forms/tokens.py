"""The form that makes a personal API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.access import agencies_for
from prongsai.api.tokens import DEFAULT_DAYS, MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100, initial="script")
    scope = forms.ChoiceField(
        label=_("scope"),
        choices=[("read", _("read only")), ("write", _("read and write"))],
        initial="read",
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("agencies"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=_("valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies_for(user).order_by("name")
