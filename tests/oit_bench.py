"""The workbench agency with last year's OIT results and this year's workspace open."""

from __future__ import annotations

from prongsai.agencies.services import save_assessment
from prongsai.library import registry
from prongsai.oit import services
from prongsai.oit.models import Workspace
from tests.helpers import SEED_000, example
from tests.workbench import Workbench

YEAR = 2566  # edition nacc-2566 (43 items, membership known); last year nacc-2565
FAILED_LAST_YEAR = {"O10": "ไม่พบแผนดำเนินงานของปีปัจจุบัน", "O42": "ไม่มีมาตรการ"}


def last_year_document(name: str) -> dict:
    document = example(SEED_000) | {"agency": name}
    document["indicators"] = {k: v for k, v in document["indicators"].items() if int(k) <= 8}
    codes = [item.code for item in registry().get("nacc-2565").oit_items]
    document["oit_items"] = {code: code not in FAILED_LAST_YEAR for code in codes}
    document["oit_comments"] = FAILED_LAST_YEAR
    document.pop("reported", None)
    return document


def open_year(bench: Workbench) -> Workspace:
    save_assessment(agency=bench.agency, document=last_year_document(bench.agency.name))
    return services.open_workspace(
        agency=bench.agency, fiscal_year=YEAR, user=bench.users["coordinator"]
    )
