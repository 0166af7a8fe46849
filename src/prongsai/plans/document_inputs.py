"""Official documents from what the web stores: the agency with its signers, an ITA year,
the measures plan and its progress rounds, turned into the inputs of `documents`."""

from __future__ import annotations

from typing import Any

from prongsai.agencies.models import Agency, Assessment, DocumentTexts, Person
from prongsai.agencies.queries import analysis_of, issuer_of
from prongsai.documents import Options, make_document
from prongsai.documents.content import build_content
from prongsai.documents.inputs import Agency as AgencyInput
from prongsai.documents.inputs import Measure as MeasureInput
from prongsai.documents.inputs import Person as PersonInput
from prongsai.documents.inputs import Plan as PlanInput
from prongsai.documents.inputs import Progress, ProgressEntry, Texts
from prongsai.plans.models import Plan, ProgressRound
from prongsai.thai import be_month

# The unit that usually issues an agency's documents when the agency has not chosen one.


def agency_input(agency: Agency, kinds: tuple[str, ...] = ("memo",)) -> AgencyInput:
    signers: dict[str, PersonInput] = {
        p.signs_as: PersonInput(p.name, tuple(p.position_lines))
        for p in Person.objects.filter(agency=agency)
    }
    unit, phone = issuer_of(agency, kinds)
    images = {i.kind: bytes(i.content) for i in agency.images.all()}
    return AgencyInput(
        name=agency.name,
        district=agency.district,
        province=agency.province,
        unit=unit,
        phone=phone,
        emblem=images.get("emblem", b""),
        logo=images.get("logo", b""),
        document_prefix=agency.document_prefix,
        officer=signers.get("officer"),
        head=signers.get("head"),
        executive=signers.get("executive"),
    )


def plan_input(plan: Plan, progress_round: ProgressRound | None = None) -> PlanInput:
    """The plan's measures; for a round's report, the measures the round reports on
    (those it was opened with, even if taken out of the plan since)."""
    chosen = (
        plan.measures.filter(entries__round=progress_round)
        if progress_round is not None
        else plan.measures.active()
    )
    measures = tuple(
        MeasureInput(
            number=m.number,
            title=m.title,
            steps=tuple(m.step_lines),
            units=tuple(u.name for u in m.units.all()),
            start=be_month(m.start),
            end=be_month(m.end),
            follow_up=m.follow_up,
            kpi=m.kpi,
            indicators=tuple(int(n) for n in m.indicators),
            oit_items=tuple(m.oit_items),
        )
        for m in chosen.prefetch_related("units").order_by("number")
    )
    return PlanInput(plan.fiscal_year, measures)


def progress_input(progress_round: ProgressRound) -> Progress:
    entries = tuple(
        ProgressEntry(
            measure=e.measure.number,
            status=e.status,
            done=e.done,
            when=e.done_on,
            evidence=tuple(ev.url or ev.name for ev in e.evidence.all()),
            problems=e.problems,
            solutions=e.solutions,
            reason=e.reason,
        )
        for e in progress_round.entries.select_related("measure").prefetch_related("evidence")
    )
    return Progress(
        progress_round.plan.fiscal_year, progress_round.months, progress_round.as_of, entries
    )


def texts_of(assessment: Assessment | None) -> Texts:
    """What the agency wrote for the year's free-text parts (empty: the defaults)."""
    stored = DocumentTexts.objects.filter(assessment=assessment).first() if assessment else None
    if stored is None:
        return Texts()
    return Texts(stored.introduction, stored.recommendations, stored.limitations)


def _inputs(
    kind: str,
    agency: Agency,
    *,
    assessment: Assessment | None = None,
    plan: Plan | None = None,
    progress_round: ProgressRound | None = None,
    about: str = "measures",
) -> dict[str, Any]:
    if assessment is None and plan is not None:
        assessment = Assessment.objects.filter(
            agency=agency, fiscal_year=plan.fiscal_year - 1
        ).first()
    return {
        "analysis": analysis_of(assessment) if assessment is not None else None,
        "agency": agency_input(agency, (about, "memo") if kind == "memo" else (kind,)),
        "texts": texts_of(assessment),
        "plan": plan_input(plan, progress_round) if plan is not None else None,
        "progress": progress_input(progress_round) if progress_round is not None else None,
        "options": Options(memo_about=about),
    }


def document(
    kind: str,
    fmt: str,
    agency: Agency,
    *,
    assessment: Assessment | None = None,
    plan: Plan | None = None,
    progress_round: ProgressRound | None = None,
    about: str = "measures",
) -> bytes:
    """A document in the agency's own Word template when it has one for the kind."""
    inputs = _inputs(
        kind, agency, assessment=assessment, plan=plan, progress_round=progress_round, about=about
    )
    template = agency.templates.filter(kind=kind).first() if fmt == "docx" else None
    return make_document(
        kind, fmt, **inputs, template=bytes(template.content) if template else None
    )


def content(
    kind: str,
    agency: Agency,
    *,
    assessment: Assessment | None = None,
    plan: Plan | None = None,
    progress_round: ProgressRound | None = None,
) -> dict[str, Any]:
    """The same content as the document, for its HTML page."""
    inputs = _inputs(kind, agency, assessment=assessment, plan=plan, progress_round=progress_round)
    return build_content(kind, **inputs)
