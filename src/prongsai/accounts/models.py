"""What an account owes before it may work: a password given by someone else must be
replaced by the user's own at first login."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordChangeRequired(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_change_required",
        verbose_name=_("user"),
    )
    since = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("password change required")
        verbose_name_plural = _("password changes required")

    def __str__(self) -> str:
        return str(self.user)


auditlog.register(PasswordChangeRequired)
