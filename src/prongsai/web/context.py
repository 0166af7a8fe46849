from django.http import HttpRequest
from django.utils import timezone


def today(request: HttpRequest) -> dict[str, object]:
    """Today's date in Bangkok, for the Buddhist-era date in the footer."""
    return {"today": timezone.localdate()}
