"""Every write about an account's password duty."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from prongsai.accounts.models import PasswordChangeRequired


@transaction.atomic
def require_password_change(*, user: Any) -> None:
    """The password was set by someone else: the user must choose their own."""
    PasswordChangeRequired.objects.get_or_create(user=user)


@transaction.atomic
def password_changed(*, user: Any) -> None:
    for duty in PasswordChangeRequired.objects.filter(user=user):
        duty.delete()


def must_change_password(user: Any) -> bool:
    return bool(user.is_authenticated) and PasswordChangeRequired.objects.filter(user=user).exists()


SESSION_KEY = "password_change_required"


def note_duty_at_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Read the duty once at login and keep it in the session: no query per request."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = must_change_password(user)


def email_configured() -> bool:
    """Whether the server can send e-mail (a password reset link, a notice)."""
    return not settings.EMAIL_BACKEND.endswith("dummy.EmailBackend")
