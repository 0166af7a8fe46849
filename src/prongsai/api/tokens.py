"""Making, checking and revoking personal API tokens (every token write goes here).

A token is `ps_` + 40 random URL-safe characters. Only its SHA-256 is stored: the
token is random enough that a slow password hash would add nothing but latency to
every API call, and a database leak still reveals no usable token."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.agencies.access import agencies_for
from prongsai.api.models import ApiToken

PREFIX = "ps_"
DEFAULT_DAYS = 90
MAX_DAYS = 366


class TokenError(ValueError):
    """A token that cannot be made as asked; the message is Thai for the user."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(
    *,
    user: Any,
    name: str,
    scope: str,
    agency_ids: Iterable[int],
    days: int = DEFAULT_DAYS,
) -> tuple[ApiToken, str]:
    """A new token for some of the user's own agencies. Returns it and the plain token,
    which is never stored and must be shown to the user once."""
    wanted = set(agency_ids)
    if not wanted:
        raise TokenError("เลือกหน่วยงานที่โทเคนนี้ใช้ได้อย่างน้อยหนึ่งหน่วยงาน")
    agencies = list(agencies_for(user).filter(pk__in=wanted))
    if len(agencies) != len(wanted):
        raise TokenError("เลือกได้เฉพาะหน่วยงานที่ท่านเป็นสมาชิก")
    if scope not in ApiToken.Scope.values:
        raise TokenError("ขอบเขตต้องเป็น read หรือ write")
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(f"อายุโทเคนต้องอยู่ระหว่าง 1 ถึง {MAX_DAYS} วัน")
    plain = PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user,
        name=(name.strip() or "API")[:100],
        prefix=plain[:10],
        digest=_digest(plain),
        scope=scope,
        expires=timezone.now() + timedelta(days=days),
    )
    token.agencies.set(agencies)
    return token, plain


def authenticate(plain: str) -> ApiToken | None:
    """The active token this string is, or None (unknown, revoked or expired)."""
    if not plain.startswith(PREFIX) or len(plain) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(plain)).first()
    if token is None or not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)  # not audited: noise
    return token


@transaction.atomic
def revoke_token(*, user: Any, token_id: int) -> None:
    """Revoke one of the user's tokens; it stops working at once."""
    token = ApiToken.objects.filter(user=user, pk=token_id, revoked__isnull=True).first()
    if token is not None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])


def tokens_of(user: Any) -> Any:
    return ApiToken.objects.filter(user=user).prefetch_related("agencies")
