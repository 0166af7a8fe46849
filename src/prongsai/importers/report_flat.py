"""Tables flattened by PDF extraction: the header lost or out of order, the numbers left
in a row. Ten scores followed by an eleventh that the engine confirms as their overall
(0.3 IIT + 0.3 EIT + 0.4 OIT of indicators 1–10, in the edition's order) are a row of
indicators and the ITA score; nothing else would add up to the cent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from prongsai.engine.model import Framework
from prongsai.importers.report_engine import agrees, overall_from_indicators
from prongsai.importers.report_lines import Line

_SCORE = re.compile(r"(?<![\d.,])(\d{1,3}\.\d{2})(?![\d])")
MAX_SPAN = 14  # lines a flattened row may spread over (one number a line)
_NUMBERS_ONLY = re.compile(r"^[\s\d.,%|\t]*$")


@dataclass(frozen=True)
class FlatRow:
    indicators: dict[int, Decimal]
    overall: Decimal
    first_line: int  # index into the lines
    last_line: int


def find_flat_row(lines: list[Line], framework: Framework) -> FlatRow | None:
    """The first run of indicator scores whose engine overall is the number after them."""
    count = len(framework.indicators)
    numbers = [
        (index, Decimal(m.group(1)))
        for index, line in enumerate(lines)
        for m in _SCORE.finditer(line.plain)
        if Decimal(m.group(1)) <= 100
    ]
    order = [i.number for i in framework.indicators]
    bare = {index for index, line in enumerate(lines) if _NUMBERS_ONLY.match(line.plain)}
    for start in range(len(numbers) - count):
        window = numbers[start : start + count + 1]
        first, last_line = window[0][0], window[-1][0]
        if last_line - first > MAX_SPAN:
            continue
        spread = {i for i, _v in window}
        if len(spread) > 1 and not spread <= bare:
            continue  # numbers of different rows with names between: a list, not a row
        values = [v for _i, v in window[:count]]
        last = window[-1][1]
        if not min(values) <= last <= max(values):
            continue  # a weighted mean lies between its parts: cheap to rule out first
        indicators = dict(zip(order, values, strict=True))
        overall, _tools = overall_from_indicators(framework, indicators)
        if overall is not None and agrees(last, overall):
            return FlatRow(indicators, last, window[0][0], window[-1][0])
    return None
