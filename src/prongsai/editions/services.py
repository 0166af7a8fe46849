"""Every write to an edition draft: copy an edition, edit its OIT items and grouping,
import a workbook, publish to the library. The engine validates every step."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai import library
from prongsai.editions.models import EditionDraft
from prongsai.engine import BUILTIN_DIR, FrameworkError
from prongsai.engine.loader import build_framework
from prongsai.engine.yamlio import dump_yaml, load_yaml


class EditionError(ValueError):
    """What stops an edition step; `problems` are the engine's, file / path / reason."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def problems_of(data: dict[str, Any], key: str) -> list[str]:
    """The engine's validation of an edition, as lines; [] when it is valid."""
    try:
        build_framework(data, file=f"{key}.yaml")
    except FrameworkError as exc:
        return [f"{p.path}: {p.reason}" for p in exc.problems]
    return []


def source_text(key: str) -> str:
    """The YAML of an edition in the library."""
    return library.registry().paths[key].read_text(encoding="utf-8")


@transaction.atomic
def copy_edition(*, source_key: str, fiscal_year: int, user: Any) -> EditionDraft:
    """A draft of a new year's edition, copied from an edition in the library: every OIT
    item maps to itself in the previous edition until the administrator renumbers it."""
    key = f"nacc-{fiscal_year}"
    if key in library.registry() or EditionDraft.objects.filter(key=key).exists():
        raise EditionError(f"มีเกณฑ์ {key} อยู่แล้ว แก้ไขฉบับที่มีอยู่แทนการคัดลอก")
    data = load_yaml(source_text(source_key))
    data.update(
        key=key,
        fiscal_year=fiscal_year,
        previous=source_key,
        confidence="inferred",
        note=f"คัดลอกจาก {source_key}: ตรวจกับคู่มือของสำนักงาน ป.ป.ช. ปี {fiscal_year} ก่อนเผยแพร่",
    )
    data["name"] = str(data.get("name", "")).replace(str(data.get("fiscal_year")), str(fiscal_year))
    for item in data.get("oit_items", []):
        item["previous"] = [item["code"]]
    return EditionDraft.objects.create(
        key=key,
        fiscal_year=fiscal_year,
        based_on=source_key,
        data=dump_yaml(data),
        updated_by=user,
    )


@transaction.atomic
def edit_edition(*, key: str, user: Any) -> EditionDraft:
    """A draft of an edition already in the library (built-in or published), to correct."""
    draft = EditionDraft.objects.filter(key=key).first()
    if draft is not None:
        return draft
    text = source_text(key)
    data = load_yaml(text)
    return EditionDraft.objects.create(
        key=key, fiscal_year=int(data["fiscal_year"]), based_on=key, data=text, updated_by=user
    )


@transaction.atomic
def save_oit(
    *,
    draft: EditionDraft,
    sub_indicators: list[dict[str, Any]],
    items: list[dict[str, Any]],
    user: Any,
) -> list[str]:
    """Replace the draft's OIT grouping and items; returns the engine's problems (the
    draft is kept either way, so nothing typed is lost; publishing needs none)."""
    data = load_yaml(draft.data)
    data["sub_indicators"] = [_clean(s) for s in sub_indicators]
    data["oit_items"] = [_clean(i) for i in items]
    draft.data = dump_yaml(data)
    draft.status = EditionDraft.Status.DRAFT
    draft.updated_by = user
    draft.save()
    return problems_of(data, draft.key)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """A YAML record without empty fields, in the files' field order."""
    return {name: value for name, value in record.items() if value not in (None, "", [])}


@transaction.atomic
def import_workbook(*, path: Path, user: Any) -> EditionDraft:
    """A draft from a framework workbook (the format of `prongsai framework export`)."""
    from prongsai.importers.framework_xlsx import WorkbookError, read_workbook

    try:
        data = read_workbook(path)
    except WorkbookError as exc:
        raise EditionError(str(exc)) from exc
    key = str(data.get("key") or "")
    if not key:
        raise EditionError("แผ่นงาน edition ไม่มี key")
    draft = EditionDraft.objects.filter(key=key).first() or EditionDraft(key=key)
    draft.fiscal_year = int(data.get("fiscal_year") or 0)
    draft.based_on = draft.based_on or "workbook"
    draft.data = dump_yaml(data)
    draft.status = EditionDraft.Status.DRAFT
    draft.updated_by = user
    draft.save()
    return draft


@transaction.atomic
def publish(*, draft: EditionDraft, user: Any) -> None:
    """Write a valid draft into the library, for every agency and the CLI alike."""
    data = load_yaml(draft.data)
    problems = problems_of(data, draft.key)
    if problems:
        raise EditionError("เกณฑ์ยังไม่ถูกต้อง แก้ไขก่อนเผยแพร่", problems)
    edited = (BUILTIN_DIR / f"{draft.key}.yaml").exists()
    folder = library.edited_frameworks_dir() if edited else library.imported_frameworks_dir()
    _write_atomically(folder / f"{draft.key}.yaml", draft.data)
    draft.status = EditionDraft.Status.PUBLISHED
    draft.published = timezone.now()
    draft.updated_by = user
    draft.save()


def _write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
