"""The user's personal API tokens: make one (shown once), see them, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.api import tokens
from prongsai.web.forms.tokens import TokenForm


@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.user, request.POST or None)
    plain = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _token, plain = tokens.create_token(
                user=request.user,
                name=data["name"],
                scope=data["scope"],
                agency_ids=[a.pk for a in data["agencies"]],
                days=data["days"],
            )
        except tokens.TokenError as exc:
            form.add_error(None, str(exc))
    context = {"form": form, "plain": plain, "tokens": tokens.tokens_of(request.user)}
    return render(request, "web/tokens.html", context)


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    tokens.revoke_token(user=request.user, token_id=token_id)
    messages.success(request, _("The token was revoked; it no longer works."))
    return redirect("tokens")
