"""Personal API tokens: made by a user for scripts, shown once, kept only as a hash."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=16)  # shown in lists; not secret
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    agencies = models.ManyToManyField(Agency, related_name="+", verbose_name=_("agencies"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()

    @property
    def writes(self) -> bool:
        return self.scope == self.Scope.WRITE

    def get_additional_data(self) -> dict[str, Any]:
        return {"user": self.user_id}


auditlog.register(ApiToken, exclude_fields=["digest", "last_used"], m2m_fields={"agencies"})
