"""Requests that the web server's access log must not record.

An access log line holds the client's address and the time to the second. For a pulse
survey's answer pages that would say who answered, and when, beside the survey's link:
exactly what the answer itself never stores (surveys/models.py). `prongsai serve`'s
access logger (cli/access_log.py) skips every request to those pages, also the ones a
middleware answers before any view (a refused CSRF token, a redirect), and every request
whose Referer is one of them (the page's script, fonts and icon). The pages themselves
(`@unlogged`) ask browsers to send no Referer at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

# The survey's answer pages (public/urls.py: /s/<token>/…); a test keeps the two in step.
UNLOGGED_PATH = re.compile(r"^/s/")


def unlogged_request(environ: dict[str, Any]) -> bool:
    referer = urlsplit(environ.get("HTTP_REFERER") or "").path
    return bool(UNLOGGED_PATH.match(environ.get("PATH_INFO") or "") or UNLOGGED_PATH.match(referer))


def unlogged(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose requests stay out of the access log (by its path, see above): its
    responses also tell the browser to send no Referer with what the page loads."""

    @wraps(view)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return marked
