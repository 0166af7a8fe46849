"""Where an agency's own Word template runs: Jinja's sandbox with size limits, in a
separate process with a time and memory limit.

Jinja's sandbox keeps a template away from Python, but not from exhausting the server:
`{{ 'x' * 200000000 }}` builds 200 MB, `range(10**9)` stops the worker with an
OverflowError, two nested loops run for hours. `LimitedSandbox` refuses big strings,
lists, numbers and ranges as they are made, with a message that names the limit;
`run_limited` runs the whole render in a forked child that is killed after
`RENDER_SECONDS` and cannot take more than `RENDER_MEMORY` bytes more than its parent.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import string
from collections.abc import Callable
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_LENGTH = 100_000  # characters of a string, items of a list, made in a template
MAX_RANGE = 10_000  # items of range(); documents have tens of rows
MAX_INT_BITS = 256  # a number made in a template (2**256 is far beyond any score)
RENDER_SECONDS = 20  # a real template renders in well under a second
RENDER_MEMORY = 512 * 1024 * 1024


class TemplateLimit(SecurityError):
    """A template went over a limit; `thai` and `english` say which."""

    def __init__(self, thai: str, english: str) -> None:
        self.thai, self.english = thai, english
        super().__init__(f"{thai} / {english}")

    def __reduce__(self) -> tuple[Any, ...]:  # sent back from the render process
        return (type(self), (self.thai, self.english))


def _too_long() -> TemplateLimit:
    return TemplateLimit(
        f"ข้อความหรือรายการที่สร้างในแม่แบบยาวเกิน {MAX_LENGTH:,} ตัวอักษร/รายการ",
        f"a string or list made in the template is longer than {MAX_LENGTH:,}",
    )


def _too_big() -> TemplateLimit:
    return TemplateLimit(
        "ตัวเลขที่คำนวณในแม่แบบใหญ่เกินไป", "a number computed in the template is too large"
    )


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(
            f"range() ในแม่แบบยาวเกิน {MAX_RANGE:,} รอบ",
            f"range() in the template exceeds {MAX_RANGE:,}",
        )
    return numbers


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox that refuses to build huge strings, lists, numbers and ranges."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = limited_range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        left_length, right_length = _length(left), _length(right)
        if operator == "*":
            if left_length is not None and isinstance(right, int):
                size = left_length * max(right, 0)
            elif right_length is not None and isinstance(left, int):
                size = right_length * max(left, 0)
            else:
                size = 0
                if _bits(left) + _bits(right) > MAX_INT_BITS:
                    raise _too_big()
            if size > MAX_LENGTH:
                raise _too_long()
        elif operator == "**":
            numbers = isinstance(left, int | float) and isinstance(right, int | float)
            if numbers and abs(left) > 1 and max(_bits(left), 2) * abs(right) > MAX_INT_BITS:
                raise _too_big()
        elif operator == "+":
            if (left_length or 0) + (right_length or 0) > MAX_LENGTH:
                raise _too_long()
        elif operator == "%" and isinstance(left, str):  # '%*d' % (10**9, 1) pads a lot
            values = right if isinstance(right, tuple) else (right,)
            if any(isinstance(v, int) and abs(v) > MAX_LENGTH for v in values):
                raise _too_long()
        result = super().call_binop(context, operator, left, right)
        if (_length(result) or 0) > MAX_LENGTH:
            raise _too_long()
        return result

    def wrap_str_format(self, value: Any) -> Any:
        """'{:>999999999}'.format(1): no field of a format string padded wider than
        MAX_LENGTH (Jinja's sandbox wraps str.format when it is looked up)."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            for _literal, _field, spec, _conversion in string.Formatter().parse(value.__self__):
                if spec and any(int(n) > MAX_LENGTH for n in re.findall(r"\d+", spec)):
                    raise _too_long()
        return wrapped

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from the template: no big number into a method of a string or list
        ('x'.ljust(10**9), 'x'.zfill(…)), and no long string or list out of any call."""
        owner = getattr(__obj, "__self__", None)  # 'x'.ljust → 'x'
        if isinstance(owner, str | bytes | list | tuple) and any(
            _bits(value) > 20
            for value in (*args, *kwargs.values())  # over about a million
        ):
            raise _too_long()
        result = super().call(__context, __obj, *args, **kwargs)
        if (_length(result) or 0) > MAX_LENGTH:
            raise _too_long()
        return result


def _memory_in_use() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(send: Any, function: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    if memory:
        limit = _memory_in_use() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        outcome: tuple[str, Any] = ("ok", function(*args))
    except MemoryError:
        outcome = ("error", _out_of_memory())
    except Exception as exc:
        outcome = ("error", exc)
    try:
        send.send(outcome)
    except Exception as exc:  # an exception that cannot be pickled: its text
        send.send(("error", RuntimeError(f"{type(outcome[1]).__name__}: {exc}")))


def _out_of_memory() -> TemplateLimit:
    return TemplateLimit(
        f"แม่แบบใช้หน่วยความจำเกิน {RENDER_MEMORY // 1024 // 1024} MB",
        f"the template needs more than {RENDER_MEMORY // 1024 // 1024} MB of memory",
    )


def run_limited(function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` in a forked child, killed after RENDER_SECONDS; raises what it
    raised, or `TemplateLimit` when it ran out of time or memory."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    memory = RENDER_MEMORY if _memory_in_use() else 0
    child = context.Process(target=_child, args=(send, function, args, memory), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(RENDER_SECONDS):
            raise TemplateLimit(
                f"แม่แบบใช้เวลาสร้างเอกสารเกิน {RENDER_SECONDS} วินาที",
                f"the template takes more than {RENDER_SECONDS} seconds to fill",
            )
        outcome, value = receive.recv()
    except EOFError:  # the child died without a word: killed for its memory
        raise _out_of_memory() from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if outcome == "error":
        raise value
    return value
