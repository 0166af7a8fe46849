"""Requests that the web server's access log must not record.

An access log line holds the client's address and the time to the second. For a pulse
survey's answer pages that would say who answered, and when, beside the survey's link:
exactly what the answer itself never stores (surveys/models.py). A view marked
`@unlogged` flags its WSGI environ; `prongsai serve`'s access logger
(cli/access_log.py) skips flagged requests and logs every other one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

UNLOGGED = "prongsai.unlogged"


def unlogged(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.environ[UNLOGGED] = True  # the same dict the WSGI server passed in
        return view(request, *args, **kwargs)

    return marked
