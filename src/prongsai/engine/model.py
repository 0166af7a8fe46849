"""The framework model: one ITA edition as immutable, indexed dataclasses.

An edition is data (src/prongsai/frameworks/*.yaml); `loader.py` turns a file into
a `Framework` and refuses anything inconsistent. Every element carries where its
facts come from and how sure we are of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Literal

# verified: stated in a source or recomputed from published numbers; replica: from a site
# or program that mirrors NACC's material; inferred: carried over from a neighbouring year
# or background knowledge; unverified: a hypothesis the sources only hint at.
Confidence = Literal["verified", "replica", "inferred", "unverified"]
CONFIDENCES: tuple[Confidence, ...] = ("verified", "replica", "inferred", "unverified")
UNCONFIRMED: tuple[Confidence, ...] = ("inferred", "unverified")
ToolKind = Literal["survey", "disclosure"]
DataYear = Literal["current", "previous", "any"]


@dataclass(frozen=True)
class Provenance:
    confidence: Confidence
    source: str
    note: str = ""


@dataclass(frozen=True)
class Tool:
    code: str
    name: str
    weight: Decimal
    kind: ToolKind
    provenance: Provenance


@dataclass(frozen=True)
class Indicator:
    number: int
    name: str
    name_en: str
    tool: str
    # False where the edition's questions (survey) or item membership (disclosure)
    # were looked for and not found: the indicator can then only be given directly.
    detail_known: bool
    provenance: Provenance


@dataclass(frozen=True)
class SubIndicator:
    code: str
    indicator: int
    name: str
    provenance: Provenance


@dataclass(frozen=True)
class Scale:
    code: str
    points: tuple[Decimal, ...]
    labels: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class Question:
    code: str
    indicator: int
    title: str
    sub_items: int
    scale: str
    reversed_sub_items: tuple[int, ...]
    provenance: Provenance


@dataclass(frozen=True)
class OitItem:
    code: str
    title: str | None  # None: the code is known to exist, its content was not found
    sub_indicator: str | None  # None: membership not known for this edition
    elements: str
    data_year: DataYear
    previous_codes: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class GradeBand:
    grade: str
    minimum: Decimal
    provenance: Provenance


@dataclass(frozen=True)
class RatingRule:
    label: str
    label_en: str
    minimum: Decimal
    tools_minimum: Decimal | None  # every tool must reach this as well
    provenance: Provenance


@dataclass(frozen=True)
class Framework:
    key: str
    fiscal_year: int
    name: str
    previous: str | None
    pass_mark: Decimal
    provenance: Provenance
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    sub_indicators: tuple[SubIndicator, ...]
    scales: tuple[Scale, ...]
    questions: tuple[Question, ...]
    oit_items: tuple[OitItem, ...]
    grades: tuple[GradeBand, ...]
    rating: tuple[RatingRule, ...]
    sources: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    oit_items_complete: bool = True

    @cached_property
    def tool_by_code(self) -> dict[str, Tool]:
        return {t.code: t for t in self.tools}

    @cached_property
    def indicator_by_number(self) -> dict[int, Indicator]:
        return {i.number: i for i in self.indicators}

    @cached_property
    def question_by_code(self) -> dict[str, Question]:
        return {q.code: q for q in self.questions}

    @cached_property
    def item_by_code(self) -> dict[str, OitItem]:
        return {o.code: o for o in self.oit_items}

    @cached_property
    def sub_indicator_by_code(self) -> dict[str, SubIndicator]:
        return {s.code: s for s in self.sub_indicators}

    @cached_property
    def kind_of_indicator(self) -> dict[int, ToolKind]:
        """Whether each indicator is surveyed (IIT/EIT) or checked on the website (OIT)."""
        return {i.number: self.tool_by_code[i.tool].kind for i in self.indicators}

    def indicators_of_kind(self, kind: ToolKind) -> list[Indicator]:
        return list(self._indicators_by_kind.get(kind, ()))

    @cached_property
    def _indicators_by_kind(self) -> dict[ToolKind, tuple[Indicator, ...]]:
        # asked twice by every result's checks: built once per edition
        kinds = dict.fromkeys(self.kind_of_indicator.values())
        return {
            k: tuple(i for i in self.indicators if self.kind_of_indicator[i.number] == k)
            for k in kinds
        }

    @cached_property
    def indicators_of_tool(self) -> dict[str, tuple[Indicator, ...]]:
        return {t.code: tuple(i for i in self.indicators if i.tool == t.code) for t in self.tools}

    @cached_property
    def questions_of_indicator(self) -> dict[int, tuple[Question, ...]]:
        return {
            i.number: tuple(q for q in self.questions if q.indicator == i.number)
            for i in self.indicators
        }

    @cached_property
    def sub_indicators_of_indicator(self) -> dict[int, tuple[SubIndicator, ...]]:
        return {
            i.number: tuple(s for s in self.sub_indicators if s.indicator == i.number)
            for i in self.indicators
        }

    @cached_property
    def items_of_sub_indicator(self) -> dict[str, tuple[OitItem, ...]]:
        return {
            s.code: tuple(o for o in self.oit_items if o.sub_indicator == s.code)
            for s in self.sub_indicators
        }

    def indicator_of_item(self, code: str) -> int | None:
        item = self.item_by_code[code]
        if item.sub_indicator is None:
            return None
        return self.sub_indicator_by_code[item.sub_indicator].indicator
