"""Login with a pause after repeated failures, per username and per address.

Counts live in Django's cache (per process with the default cache: each gunicorn worker
counts on its own, so the real limit is the setting times the workers).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def _keys(request: HttpRequest) -> list[str]:
    username = request.POST.get("username", "").strip().lower()[:150]
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{username}", f"login-fail:addr:{address}"]


def _blocked(request: HttpRequest) -> bool:
    return any((cache.get(key) or 0) >= settings.LOGIN_ATTEMPTS for key in _keys(request))


def _count_failure(request: HttpRequest) -> None:
    for key in _keys(request):
        cache.add(key, 0, settings.LOGIN_PAUSE_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_PAUSE_SECONDS)


class LoginView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _blocked(request):  # refused before the password is even checked
            form = self.get_form_class()(request)
            message = _("Too many failed attempts. Wait 15 minutes and try again.")
            response = self.render_to_response(self.get_context_data(form=form, blocked=message))
            response.status_code = 429
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code != 302:
            _count_failure(request)
        else:
            for key in _keys(request):
                cache.delete(key)
        return response
