"""Template filters for Thai display: Buddhist-era dates and Thai digits."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from prongsai.thai import format_be_date, to_thai_digits

register = template.Library()


@register.filter
def be_date(value: date | datetime | None, style: str = "full") -> str:
    """ "23 พฤศจิกายน 2569" (style "full") or "23 พ.ย. 69" (style "abbrev")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_be_date(value, abbreviated=style == "abbrev")


@register.filter
def thai_digits(value: object) -> str:
    return to_thai_digits(str(value))
