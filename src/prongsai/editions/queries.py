"""Reads of editions: the library's editions with their origin, and the drafts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prongsai import library
from prongsai.editions.models import EditionDraft
from prongsai.engine import BUILTIN_DIR
from prongsai.engine.yamlio import load_yaml

ORIGINS = {"built-in": "มากับโปรแกรม", "edited": "แก้ไขบนเว็บ", "imported": "นำเข้า"}
CONFIDENCE_TH = {
    "verified": "ยืนยันแล้ว",
    "replica": "จากแหล่งที่คัดลอกมา",
    "inferred": "อนุมาน",
    "unverified": "ยังไม่ยืนยัน",
}


@dataclass(frozen=True)
class LibraryEdition:
    key: str
    fiscal_year: int
    origin: str  # built-in, edited, imported
    items: int
    grouping: str  # the least sure confidence of its OIT sub-indicators

    @property
    def origin_th(self) -> str:
        return ORIGINS.get(self.origin, self.origin)

    @property
    def grouping_th(self) -> str:
        return CONFIDENCE_TH.get(self.grouping, self.grouping)


def library_editions() -> list[LibraryEdition]:
    registry = library.registry()
    origins = {BUILTIN_DIR: "built-in", library.edited_frameworks_dir(): "edited"}
    listed = []
    for framework in registry.all():
        levels = [s.provenance.confidence for s in framework.sub_indicators]
        order = ("unverified", "inferred", "replica", "verified")
        grouping = next((level for level in order if level in levels), "–")
        listed.append(
            LibraryEdition(
                framework.key,
                framework.fiscal_year,
                origins.get(registry.paths[framework.key].parent, "imported"),
                len(framework.oit_items),
                grouping,
            )
        )
    return sorted(listed, key=lambda e: (-e.fiscal_year, e.key))


def drafts() -> Any:
    return EditionDraft.objects.all()


def draft_of(key: str) -> EditionDraft | None:
    return EditionDraft.objects.filter(key=key).first()


def oit_of(draft: EditionDraft) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The draft's sub-indicators and OIT items as plain records, for the form."""
    data = load_yaml(draft.data)
    return list(data.get("sub_indicators") or []), list(data.get("oit_items") or [])
