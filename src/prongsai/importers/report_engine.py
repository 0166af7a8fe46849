"""The engine's word on candidate values: which grade and which ratings a score allows,
and the overall its indicators give. The reader asks; it never computes a score itself."""

from __future__ import annotations

from decimal import Decimal

from prongsai.engine.model import Framework
from prongsai.engine.numbers import differs, round2
from prongsai.engine.scoring import grade_of, overall_score, rating_of, tool_scores

# Tool scores that reach each rating rule: all excellent, all good, one below the mark.
_TOOL_PROBES = (Decimal(100), Decimal(90), Decimal(0))


def grade_for(framework: Framework, overall: Decimal) -> str | None:
    return grade_of(framework, overall)


def ratings_for(framework: Framework | None, overall: Decimal) -> set[str]:
    """Every rating label some tool scores would give with this overall."""
    if framework is None or not framework.rating:
        return set()
    labels = set()
    for probe in _TOOL_PROBES:
        label = rating_of(framework, overall, {t.code: probe for t in framework.tools})
        if label:
            labels.add(label)
    return labels


def rating_with_tools(
    framework: Framework | None, overall: Decimal, tools: dict[str, Decimal | None]
) -> str | None:
    if framework is None or not framework.rating:
        return None
    return rating_of(framework, overall, tools)


def overall_from_indicators(
    framework: Framework, indicators: dict[int, Decimal]
) -> tuple[Decimal | None, dict[str, Decimal | None]]:
    """The overall and tool scores the engine gives for these indicators (None when
    some are missing)."""
    values: dict[int, Decimal | None] = {
        i.number: indicators.get(i.number) for i in framework.indicators
    }
    tools = tool_scores(framework, values)
    return overall_score(framework, tools), tools


def overall_from_tools(framework: Framework, tools: dict[str, Decimal | None]) -> Decimal | None:
    """The overall the engine gives for these tool scores."""
    return overall_score(framework, {t.code: tools.get(t.code) for t in framework.tools})


def same(a: Decimal, b: Decimal) -> bool:
    """The same figure as published (both rounded half-up to 2 decimals)."""
    return round2(a) == round2(b)


def agrees(stated: Decimal, computed: Decimal) -> bool:
    """The engine's word: a stated figure agrees with a computed one within its
    tolerance (what its consistency checks use)."""
    return not differs(stated, computed)
