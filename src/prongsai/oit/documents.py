"""The publication memo from what the workspace stores: the approved answers as they
were approved, the agency and its signers, through `prongsai.documents`."""

from __future__ import annotations

from prongsai.agencies.models import Person
from prongsai.agencies.queries import issuer_of
from prongsai.documents.inputs import Agency as AgencyInput
from prongsai.documents.inputs import Person as PersonInput
from prongsai.documents.oit_publication import PublishedItem, make_publication
from prongsai.oit.models import Workspace
from prongsai.oit.queries import approved_items


def agency_input(workspace: Workspace) -> AgencyInput:
    agency = workspace.agency
    unit, phone = issuer_of(agency, ("oit", "memo"))  # never a catch-all unit listed first
    signers = {
        p.signs_as: PersonInput(p.name, tuple(p.position_lines))
        for p in Person.objects.filter(agency=agency)
    }
    return AgencyInput(
        name=agency.name,
        district=agency.district,
        province=agency.province,
        unit=unit,
        phone=phone,
        document_prefix=agency.document_prefix,
        officer=signers.get("officer"),
        head=signers.get("head"),
        executive=signers.get("executive"),
    )


def published_items(workspace: Workspace) -> list[PublishedItem]:
    return [
        PublishedItem(
            code=i["code"],
            title=i["title"],
            urls=tuple(i["urls"]),
            explanation=i["explanation"],
            unit=i["unit"],
        )
        for i in approved_items(workspace)
    ]


def publication_memo(workspace: Workspace, fmt: str) -> bytes:
    """บันทึกข้อความ ขออนุญาตเผยแพร่ข้อมูลบนเว็บไซต์, for the approved items."""
    return make_publication(
        fmt,
        agency=agency_input(workspace),
        ita_year=workspace.fiscal_year,
        items=published_items(workspace),
        website=workspace.agency.website,
    )
