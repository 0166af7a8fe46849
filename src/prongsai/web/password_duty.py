"""Send a user whose password someone else chose to change it before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from prongsai.accounts.services import SESSION_KEY

ALLOWED = ("/account/password/", "/logout/", "/i18n/", "/static/", "/login/")


class PasswordDutyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        duty = hasattr(request, "session") and request.session.get(SESSION_KEY)
        if duty and not path.startswith(ALLOWED):
            return redirect(reverse("password_change"))
        return self.get_response(request)
