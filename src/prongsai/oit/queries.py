"""Reads of the OIT workspace that the pages, the API, the exports and the memo share:
the year's rows with their period, checklist and last year, readiness through the
engine, the answer sheet in ITAS's order. Every score comes from the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from prongsai import library
from prongsai.agencies.access import Access
from prongsai.agencies.models import Agency, Assessment
from prongsai.engine import Framework, Results, analyze, nacc_key
from prongsai.oit.models import Answer, Attachment, LinkCheck, Workspace
from prongsai.oit.rules import element_checklist, expired_since, period_label, short_date
from prongsai.thai import fiscal_year_of

PASSING = (Answer.Status.REVIEWED, Answer.Status.APPROVED)
UNKNOWN_TITLE = "(ยังไม่ทราบชื่อข้อ)"
FINISHED = (Answer.Status.FILLED, Answer.Status.REVIEWED, Answer.Status.APPROVED)


def coming_year(today: date | None = None) -> int:
    """The ITA year being prepared: NACC assesses each fiscal year in the year itself."""
    return fiscal_year_of(today or timezone.localdate())


def edition_for(year: int) -> tuple[Framework, bool]:
    """NACC's edition of the year, else the latest in the library; and whether it is the
    year's own."""
    registry = library.registry()
    framework = registry.edition_or_latest(year)
    return framework, framework.key == nacc_key(year)


def workspace_of(agency: Agency, year: int) -> Workspace | None:
    return Workspace.objects.filter(agency=agency, fiscal_year=year).first()


def workspaces(agency: Agency) -> QuerySet[Workspace]:
    return agency.oit_workspaces.order_by("-fiscal_year")


def framework_of(workspace: Workspace) -> Framework:
    return library.registry().get(workspace.framework)


def answer_of(agency: Agency, year: int, code: str) -> Answer | None:
    return (
        Answer.objects.select_related("workspace", "unit", "assignee")
        .filter(workspace__agency=agency, workspace__fiscal_year=year, code=code)
        .first()
    )


def attachment_of(agency: Agency, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(pk=attachment_id, answer__workspace__agency=agency).first()


def is_overdue(answer: Answer, today: date) -> bool:
    return answer.due is not None and answer.due < today and answer.status not in FINISHED


def may_fill(access: Access, answer: Answer) -> bool:
    """Admins and coordinators fill any item; a unit editor only their unit's."""
    return access.can_update({answer.unit_id} if answer.unit_id else set())


@dataclass
class Row:
    answer: Answer
    title: str
    sub_indicator: str | None
    elements: list[tuple[str, bool]]
    period: str
    expired: str  # "ข้อมูลถึง ๓๐ ก.ย. ๖๘" when the answer's data ended before the period
    overdue: bool
    editable: bool
    previous: dict[str, Any] | None = None
    attachments: list[Attachment] = field(default_factory=list)
    # Each URL with its latest check (None: not checked yet).
    links: list[tuple[str, LinkCheck | None]] = field(default_factory=list)


def rows(
    workspace: Workspace, access: Access, *, today: date, unit_id: int | None = None
) -> list[Row]:
    """Every item of the year in ITAS's order (or only one unit's), with what the page shows."""
    framework = framework_of(workspace)
    answers = workspace.answers.select_related("unit", "assignee", "approved_by").prefetch_related(
        "attachments", "comments"
    )
    if unit_id is not None:
        answers = answers.filter(unit_id=unit_id)
    checks = latest_checks(workspace)
    result = []
    for answer in answers:
        item = framework.item_by_code.get(answer.code)
        data_year = item.data_year if item else "any"
        checked = set(answer.elements_checked or [])
        ended = expired_since(workspace.fiscal_year, data_year, answer.covers_until)
        result.append(
            Row(
                answer=answer,
                title=(item.title if item else None) or UNKNOWN_TITLE,
                sub_indicator=item.sub_indicator if item else None,
                elements=[
                    (e, e in checked) for e in element_checklist(item.elements if item else "")
                ],
                period=period_label(workspace.fiscal_year, data_year),
                expired=f"ข้อมูลถึง {short_date(ended)} หมดช่วงแล้ว" if ended else "",
                overdue=is_overdue(answer, today),
                editable=may_fill(access, answer),
                previous=answer.previous,
                attachments=list(answer.attachments.all()),
                links=[(url, checks.get((answer.pk, url))) for url in answer.url_list],
            )
        )
    return result


def latest_checks(workspace: Workspace) -> dict[tuple[int, str], LinkCheck]:
    """The latest check of every (answer, URL) of the workspace, in one query."""
    newest = (
        LinkCheck.objects.filter(answer=OuterRef("answer"), url=OuterRef("url"))
        .order_by("-checked", "-id")
        .values("pk")[:1]
    )
    checks = LinkCheck.objects.filter(answer__workspace=workspace, pk=Subquery(newest)).defer(
        "headers"
    )
    return {(c.answer_id, c.url): c for c in checks}


def link_history(answer: Answer, limit: int = 60) -> list[LinkCheck]:
    """The answer's checks, newest first (every URL it has had)."""
    return list(answer.link_checks.all()[:limit])


def link_check_of(agency: Agency, check_id: int) -> LinkCheck | None:
    return LinkCheck.objects.filter(pk=check_id, answer__workspace__agency=agency).first()


def counts(workspace: Workspace) -> dict[str, int]:
    found = dict.fromkeys(Answer.Status.values, 0)
    for status in workspace.answers.values_list("status", flat=True):
        found[status] += 1
    return found


# ---------------------------------------------------------------- readiness


@dataclass(frozen=True)
class Readiness:
    framework: Framework
    passing: int
    total: int
    oit_indicators: dict[int, Decimal | None]
    tools: dict[str, Decimal | None]
    overall: Decimal | None
    grade: str | None
    survey_year: int | None  # whose IIT/EIT indicators were used
    fix_first: list[dict[str, Any]]
    expiring: list[dict[str, Any]]


def _survey_indicators(agency: Agency, year: int, framework: Framework) -> tuple[int | None, dict]:
    """Last known IIT/EIT indicator scores: the latest assessment before `year`."""
    from prongsai.agencies.queries import analysis_of

    assessment = (
        Assessment.objects.filter(agency=agency, fiscal_year__lt=year)
        .order_by("-fiscal_year")
        .first()
    )
    if assessment is None:
        return None, {}
    scores = analysis_of(assessment).scores.indicators
    wanted = {i.number for i in framework.indicators_of_kind("survey")}
    return assessment.fiscal_year, {
        n: s.score for n, s in scores.items() if n in wanted and s.score is not None
    }


def readiness(workspace: Workspace, *, today: date) -> Readiness:
    """Predicted OIT indicators and ITA if ITAS checked now: an item passes when answered
    มี with a URL and reviewed or approved; IIT/EIT as in the last assessment."""
    framework = framework_of(workspace)
    answers = {a.code: a for a in workspace.answers.all()}
    items = {
        code: bool(a.available and a.url_list and a.status in PASSING)
        for code, a in answers.items()
        if code in framework.item_by_code
    }
    survey_year, survey = _survey_indicators(workspace.agency, workspace.fiscal_year, framework)
    results = Results(
        fiscal_year=workspace.fiscal_year,
        framework=framework.key,
        indicators=survey,
        oit_items=items,
    )
    analysis = analyze(framework, results)
    scores = analysis.scores
    fix_first = [
        {
            "code": f.code,
            "title": f.title or UNKNOWN_TITLE,
            "points": f.points_if_fixed,
            "status": answers[f.code].get_status_display() if f.code in answers else "",
        }
        for f in analysis.oit_failed
    ]
    expiring = []
    for code, answer in answers.items():
        item = framework.item_by_code.get(code)
        ended = expired_since(
            workspace.fiscal_year, item.data_year if item else "any", answer.covers_until
        )
        if ended:
            expiring.append({"code": code, "title": item.title if item else "", "until": ended})
    return Readiness(
        framework=framework,
        passing=sum(items.values()),
        total=len(items),
        oit_indicators={
            i.number: scores.indicators[i.number].score
            for i in framework.indicators_of_kind("disclosure")
        },
        tools=scores.tools,
        overall=scores.overall,
        grade=scores.grade,
        survey_year=survey_year,
        fix_first=fix_first,
        expiring=expiring,
    )


# ---------------------------------------------------------------- the answer sheet


SHEET_HEADER = ("ข้อ", "หัวข้อ", "มี/ไม่มี", "URL", "คำอธิบาย")


def sheet(workspace: Workspace) -> list[tuple[str, str, str, str, str]]:
    """The answer sheet ITAS asks for, in its order: item, มี/ไม่มี, URLs, explanation."""
    framework = framework_of(workspace)
    lines = []
    for answer in workspace.answers.all():
        item = framework.item_by_code.get(answer.code)
        mark = {True: "มี", False: "ไม่มี"}.get(answer.available, "")  # type: ignore[arg-type]
        lines.append(
            (
                answer.code,
                (item.title if item else None) or "",
                mark,
                "\n".join(answer.url_list),
                answer.explanation,
            )
        )
    return lines


def approved_items(workspace: Workspace) -> list[dict[str, Any]]:
    """What the executive signs: the approved answers as they were approved."""
    framework = framework_of(workspace)
    found = []
    for answer in workspace.answers.filter(status=Answer.Status.APPROVED).select_related(
        "unit", "approved_by"
    ):
        item = framework.item_by_code.get(answer.code)
        state = answer.approved_state or answer.state()
        found.append(
            {
                "code": answer.code,
                "title": (item.title if item else None) or "",
                "urls": state.get("urls", []),
                "explanation": state.get("explanation", ""),
                "unit": answer.unit.name if answer.unit else "",
            }
        )
    return found


def unit_choices(agency: Agency) -> QuerySet[Any]:
    return agency.units.all()


def member_choices(agency: Agency) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__agency=agency).order_by("username")


# ---------------------------------------------------------------- my work


@dataclass(frozen=True)
class WorkItem:
    answer: Answer
    title: str
    overdue: bool


@dataclass(frozen=True)
class OitWork:
    """OIT items waiting for a user in the year being prepared (and later ones): their
    units' (or their own) items not yet filled, filled items to review (a coordinator),
    reviewed items to approve (an executive). `count` is one query (the header's badge on
    every page); the lists are read only when a page shows them."""

    answers: QuerySet[Answer]
    fill: Q
    review: Q
    approve: Q
    today: date

    @property
    def count(self) -> int:
        return self.answers.filter(self.fill | self.review | self.approve).count()

    def _items(self, which: Q) -> list[WorkItem]:
        answers = (
            self.answers.filter(which)
            .select_related("workspace__agency", "unit")
            .order_by("workspace__agency__name", "-workspace__fiscal_year", "order")
        )
        return [
            WorkItem(answer, _title(answer), is_overdue(answer, self.today)) for answer in answers
        ]

    @cached_property
    def to_fill(self) -> list[WorkItem]:
        return self._items(self.fill)

    @cached_property
    def to_review(self) -> list[WorkItem]:
        return self._items(self.review)

    @cached_property
    def to_approve(self) -> list[WorkItem]:
        return self._items(self.approve)


def _title(answer: Answer) -> str:
    item = library.registry().get(answer.workspace.framework).item_by_code.get(answer.code)
    return (item.title if item else None) or UNKNOWN_TITLE


def work_of(
    user: Any, *, units: list[int], coordinating: list[int], executive: list[int], today: date
) -> OitWork:
    waiting = (Answer.Status.NOT_STARTED, Answer.Status.RETURNED)
    return OitWork(
        answers=Answer.objects.filter(workspace__fiscal_year__gte=coming_year(today)),
        fill=Q(status__in=waiting) & (Q(unit_id__in=units) | Q(assignee=user)),
        review=Q(status=Answer.Status.FILLED, workspace__agency_id__in=coordinating),
        approve=Q(status=Answer.Status.REVIEWED, workspace__agency_id__in=executive),
        today=today,
    )
