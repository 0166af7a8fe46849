"""Demo data: an open IIT pulse survey of อบต.คอนนิม with a dozen answers, enough to
show results (the minimum is 5) and a predicted ITA beside the official ITA 2565."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.engine.survey import scale_of, survey_questions
from prongsai.surveys import services
from prongsai.surveys.editions import edition

DEMO_ANSWERS = 12
# Questions the demo staff are less sure of (fair assignment, budget questions).
DOUBTFUL = {"i7", "i12", "i13", "i14", "i28"}


def add_demo_survey(agency: Agency, fiscal_year: int = 2566) -> None:
    if agency.surveys.filter(tool="IIT", fiscal_year=fiscal_year).exists():
        return
    survey = services.create_survey(
        agency=agency,
        tool="IIT",
        fiscal_year=fiscal_year,
        population=42,
        closes_on=timezone.localdate() + timedelta(days=21),
    )
    services.change_status(survey=survey, step="open")
    framework = edition(survey.framework)
    assert framework is not None
    chance = random.Random(fiscal_year)  # the same demo every time
    for _ in range(DEMO_ANSWERS):
        answers = {}
        for q in survey_questions(framework, "IIT"):
            top = len(scale_of(framework, q).points) - 1
            row = []
            for n in range(1, q.sub_items + 1):
                if n in q.reversed_sub_items:
                    row.append(0 if chance.random() < 0.93 else 1)
                elif q.code in DOUBTFUL:
                    row.append(chance.choice([top, top - 1, top - 1, top - 2]))
                else:
                    row.append(top if chance.random() < 0.85 else top - 1)
            answers[q.code] = row
        services.submit_answers(survey=survey, answers=answers)
