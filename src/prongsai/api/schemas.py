"""What the API reads and writes, typed: these classes are its OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

BE_MONTH = r"^25\d\d-(0?[1-9]|1[0-2])$"


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class YearQuery(PageQuery):
    year: int | None = Field(None, ge=2500, le=2700, description="ปี พ.ศ. / BE year")


class AgencyOut(Schema):
    id: int
    name: str
    kind: str
    province: str
    district: str
    website: str


class AgencyPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AgencyOut]


class AssessmentSummary(Schema):
    fiscal_year: int
    framework: str
    overall: float | None
    grade: str | None
    rating: str | None
    published: datetime | None
    updated: datetime


class AssessmentPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AssessmentSummary]


class AssessmentOut(Schema):
    fiscal_year: int
    framework: str
    source: str
    published: datetime | None
    updated: datetime
    results: dict[str, Any]
    analysis: dict[str, Any] = Field(
        description="the engine's analysis: the same JSON as `prongsai analyze --format json`"
    )


class ImportIn(Schema):
    document: dict[str, Any] = Field(description="a results document (see the README)")
    dry_run: bool = Field(True, description="check and compare only; save nothing")
    replace: bool = Field(False, description="replace the year's stored results")


class ChangeOut(Schema):
    field: str
    before: Any = None
    after: Any = None


class ImportOut(Schema):
    saved: bool
    fiscal_year: int
    replaces: bool
    changes: list[ChangeOut]
    analysis: dict[str, Any]


class MeasureIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    steps: list[str] = Field(min_length=1, max_length=50)
    units: list[str] = Field(min_length=1, max_length=20, description="unit names")
    start: str = Field(pattern=BE_MONTH, description="first month, BE: 2566-10")
    end: str = Field(pattern=BE_MONTH, description="last month, BE: 2567-09")
    follow_up: str = Field(min_length=1, max_length=300)
    kpi: str = Field("", max_length=300)
    indicators: list[int] = Field([], max_length=10)
    oit_items: list[str] = Field([], max_length=60)
    version: int | None = Field(
        None,
        ge=1,
        description="the version read (from GET); an older one is refused with 409."
        " Or send the ETag of the last write in If-Match",
    )


class MeasureOut(Schema):
    number: int
    title: str
    steps: list[str]
    units: list[str]
    start: str
    end: str
    follow_up: str
    kpi: str
    indicators: list[int]
    oit_items: list[str]
    version: int


class PlanSummary(Schema):
    fiscal_year: int
    status: str
    submitted: datetime | None
    approved: datetime | None
    published: datetime | None
    measure_count: int


class PlanPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[PlanSummary]


class PlanOut(PlanSummary):
    measures: list[MeasureOut]


class EvidenceOut(Schema):
    id: int
    name: str
    url: str
    content_type: str
    size: int
    uploaded: datetime


class EntryOut(Schema):
    measure: int
    status: str
    done: str
    done_on: date | None
    problems: str
    solutions: str
    reason: str
    overdue: bool
    evidence: list[EvidenceOut]
    version: int


class RoundSummary(Schema):
    months: int
    as_of: date
    published: datetime | None


class RoundOut(RoundSummary):
    entries: list[EntryOut]


class ProgressIn(Schema):
    status: str = Field(description="not_started, in_progress, done, delayed or cancelled")
    done: str = Field("", max_length=5000)
    done_on: date | None = None
    problems: str = Field("", max_length=5000)
    solutions: str = Field("", max_length=5000)
    reason: str = Field("", max_length=5000)
    version: int | None = Field(
        None,
        ge=1,
        description="the version read (from GET); an older one is refused with 409."
        " Or send the ETag of the last write in If-Match",
    )


class AuditOut(Schema):
    timestamp: datetime
    actor: str | None
    action: str
    object: str
    changes: dict[str, Any]


class AuditPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AuditOut]
