"""gunicorn's access logger for `prongsai serve`, without the pulse survey's answer pages
and what they load (web/access_log.py): a respondent's address and time are never
written. Skipping them also spares the line's formatting on the busiest pages."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from prongsai.web.access_log import unlogged_request


class AccessLog(Logger):  # type: ignore[misc]
    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if unlogged_request(environ):
            return
        super().access(resp, req, environ, request_time)
