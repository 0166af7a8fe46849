"""Every write of the oversight app: bodies and their members, standings, and the
import of many agencies' results in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from prongsai.agencies.models import Agency, Assessment
from prongsai.oversight.models import Body, Standing
from prongsai.oversight.standing import standing_values

GENERATED = "generated:"  # the source of results made up for the demo starts so


def standing_for(assessment: Assessment, agency: Agency) -> Standing:
    return Standing(
        assessment=assessment,
        agency=agency,
        fiscal_year=assessment.fiscal_year,
        kind=agency.kind,
        province=agency.province,
        district=agency.district,
        generated=assessment.source.startswith(GENERATED),
        **standing_values(assessment.analysis),
    )


def refresh_standing(*, assessment: Assessment) -> None:
    agency = assessment.agency
    standing = standing_for(assessment, agency)
    fields = {
        f.name: getattr(standing, f.name)
        for f in Standing._meta.concrete_fields
        if f.name not in ("id", "assessment", "agency", "fiscal_year")
    }
    Standing.objects.update_or_create(
        agency=agency,
        fiscal_year=assessment.fiscal_year,
        defaults={"assessment": assessment, **fields},
    )


@transaction.atomic
def create_body(
    *,
    name: str,
    kind: str,
    province: str = "",
    district: str = "",
    kinds: Iterable[str] = (),
    agencies: Iterable[Agency] = (),
) -> Body:
    body = Body.objects.create(
        name=name, kind=kind, province=province, district=district, kinds=list(kinds)
    )
    body.agencies.set(list(agencies))
    return body


@transaction.atomic
def add_body_member(*, body: Body, user: Any) -> None:
    body.members.add(user)


@transaction.atomic
def remove_body_member(*, body: Body, user: Any) -> None:
    body.members.remove(user)
