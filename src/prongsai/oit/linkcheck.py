"""The workspace's URLs through the link checker (prongsai.links): what each URL must show
(the agency's main website, the item's fiscal year, the words the unit gave), the checker's
options from the settings, and the checks run off the database.

The checker is asynchronous and the ORM is not: it runs in a thread of its own and hands
each result back to the caller's thread, which records it in a short transaction. No
transaction is open while a request is on the network."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from prongsai.links.checker import CheckOptions, LinkItem, LinkResult, run_checks
from prongsai.links.urls import host_of
from prongsai.links.verdicts import RULES, Verdict
from prongsai.oit.models import Workspace
from prongsai.oit.queries import framework_of

# Verdicts from the most to the least severe (the order in which the checker's rules
# decide): an item's summary is its worst URL's.
SEVERITY = (*(verdict for verdict, _ in RULES), Verdict.OK)


@dataclass(frozen=True)
class Target:
    answer_id: int
    code: str
    item: LinkItem


def expected_year(ita_year: int, data_year: str) -> int | None:
    """The fiscal year (BE) a page must name: the ITA year's own for "current" data, the
    year before for "previous", none for "any" (latest) data."""
    return {"current": ita_year, "previous": ita_year - 1}.get(data_year)


def targets(workspace: Workspace, codes: list[str] | None = None) -> list[Target]:
    """Every URL of the workspace's answers (or of some items), in ITAS's order."""
    framework = framework_of(workspace)
    answers = workspace.answers.exclude(urls="")
    if codes:
        answers = answers.filter(code__in=codes)
    found = []
    for answer in answers.only("pk", "code", "urls", "link_keywords"):
        item = framework.item_by_code.get(answer.code)
        year = expected_year(workspace.fiscal_year, item.data_year if item else "any")
        for url in answer.url_list:
            found.append(Target(answer.pk, answer.code, LinkItem(url, year, answer.keyword_list)))
    return found


def main_domain(website: str) -> str | None:
    """The host of the agency's main website ("https://www.konnim.go.th/" → its host)."""
    return host_of(website.strip()) or None


def options(website: str) -> CheckOptions:
    return CheckOptions(
        main_domain=main_domain(website),
        allow_private=settings.LINK_CHECK_ALLOW_PRIVATE,
        timeout=settings.LINK_CHECK_TIMEOUT,
        snapshot_bytes=settings.LINK_SNAPSHOT_BYTES,
    )


def worst(verdicts: list[str]) -> str:
    return min(verdicts, key=SEVERITY.index) if verdicts else ""


_DONE = object()


class _Stopped(Exception):
    """The caller stopped reading: the checker's thread ends too."""


def results(items: list[LinkItem], check_options: CheckOptions) -> Iterator[LinkResult]:
    """Check the items in a thread; yield each result, in input order, in this thread.

    At most a few dozen results wait at a time (each holds its copy of a page)."""
    handed: queue.Queue[Any] = queue.Queue(maxsize=32)
    stop = threading.Event()

    def hand(result: LinkResult) -> None:
        if stop.is_set():
            raise _Stopped
        handed.put(result)

    def check() -> None:
        try:
            run_checks(items, check_options, on_result=hand)
        except _Stopped:
            return
        except BaseException as error:  # raised again in the caller's thread
            handed.put(error)
        else:
            handed.put(_DONE)

    thread = threading.Thread(target=check, name="link-check", daemon=True)
    thread.start()
    try:
        while (result := handed.get()) is not _DONE:
            if isinstance(result, BaseException):
                raise result
            yield result
    finally:
        stop.set()
        while thread.is_alive():  # let a waiting put through so that the thread can end
            with contextlib.suppress(queue.Empty):
                handed.get(timeout=0.1)


def nightly_time() -> time:
    """LINK_CHECK_NIGHTLY_AT ("02:00") as a time of day."""
    text = settings.LINK_CHECK_NIGHTLY_AT
    try:
        hour, minute = (int(part) for part in text.split(":"))
        return time(hour, minute)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"LINK_CHECK_NIGHTLY_AT={text!r}: expected a time of day such as 02:00"
        ) from exc
