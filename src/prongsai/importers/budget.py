"""How long one reading may take, and how far it has got.

A report is read in steps (the pages of a PDF, the passes of the report reader). Between
steps `Budget.check` stops a reading that has run past its seconds, so a huge or
pathological file ends with a message instead of a worker killed mid-request; `pages`
reports each page read (a background job's progress bar). The caller chooses the
seconds: a web request has a few, a background job minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


class OverBudget(Exception):
    """The reading ran past its seconds (the entry points turn it into a user message)."""


class NeedsMoreTime(Exception):
    """The text is longer than this budget reads (`max_chars`): read it where there is
    more time (a web request hands it to a background job). Raised before reading it."""


@dataclass
class Budget:
    seconds: float | None = None  # None: no time limit (the CLI, tests)
    on_pages: Callable[[int, int], None] | None = None  # (pages read, pages in the file)
    clock: Callable[[], float] = time.monotonic
    max_chars: int | None = None  # a longer text raises NeedsMoreTime
    deadline: float | None = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = None if self.seconds is None else self.clock() + self.seconds

    def check(self) -> None:
        if self.deadline is not None and self.clock() > self.deadline:
            raise OverBudget

    def text(self, chars: int) -> None:
        if self.max_chars is not None and chars > self.max_chars:
            raise NeedsMoreTime

    def pages(self, done: int, total: int) -> None:
        if self.on_pages is not None:
            self.on_pages(done, total)
        self.check()


UNLIMITED = Budget()
