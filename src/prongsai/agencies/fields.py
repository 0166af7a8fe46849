"""Text that people type, with a length limit the form, the services and the database
all enforce (SQLite enforces no length on its own, not even of a varchar)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("At most %(limit_value)d characters (this text has %(show_value)d).")


class LimitedTextField(models.TextField):
    """A TextField with `max_length` checked by its form field and by model validation,
    both with a message in Thai (Django's own has no Thai). Pair it with
    `length_constraint` in the model's Meta for the database."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [MaxLengthValidator(max_length, message=TOO_LONG)])
        super().__init__(*args, max_length=max_length, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        field = super().formfield(**kwargs)
        for validator in field.validators:
            if isinstance(validator, MaxLengthValidator):
                validator.message = TOO_LONG
        return field


def length_constraint(name: str, limit: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(name), limit),
        name=f"%(app_label)s_%(class)s_{name}_length",
        violation_error_message=_("A text is longer than its limit."),
    )


def text_over_limit(instance: models.Model) -> str | None:
    """Thai: which text of `instance` is longer than its field allows, or None."""
    for field in instance._meta.concrete_fields:
        limit = getattr(field, "max_length", None)
        value = getattr(instance, field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            return (
                f"ข้อความในช่อง '{field.verbose_name}' ยาวเกิน {limit:,} ตัวอักษร "
                f"(มี {len(value):,} ตัวอักษร) กรุณาสรุปให้สั้นลง"
            )
    return None
