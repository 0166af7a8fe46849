"""gunicorn's access logger for `prongsai serve`, without the requests views marked
`@unlogged` (web/access_log.py): a survey respondent's address and time are never
written. Skipping them also spares the line's formatting on the busiest pages."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from prongsai.web.access_log import UNLOGGED


class AccessLog(Logger):  # type: ignore[misc]
    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if environ.get(UNLOGGED):
            return
        super().access(resp, req, environ, request_time)
