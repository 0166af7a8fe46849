"""Official documents: the ITA analysis report, the measures, the progress report, the
memo and the announcement, as Word and PDF from one content model."""

from __future__ import annotations

from typing import Any

from prongsai.documents.content import KINDS, Options, build_content
from prongsai.documents.inputs import Agency, InputError, Plan, Progress, Texts

# What each kind needs besides the agency: the results, the measures plan, a progress round.
NEEDS = {
    "analysis": ("results",),
    "measures": ("measures",),
    "analysis+measures": ("results", "measures"),
    "progress": ("measures", "progress"),
    "memo": (),
    "announcement": ("measures",),
}
FORMATS = ("docx", "pdf")


def make_document(
    kind: str,
    fmt: str,
    *,
    analysis: Any = None,
    agency: Agency | None = None,
    plan: Plan | None = None,
    progress: Progress | None = None,
    options: Options | None = None,
    template: bytes | None = None,
    texts: Texts | None = None,
) -> bytes:
    """The document's bytes. Raises `InputError` when an input it needs is missing."""
    given = {"results": analysis, "measures": plan, "progress": progress}
    missing = [name for name in NEEDS[kind] if given[name] is None]
    if kind == "memo" and analysis is None and plan is None:
        missing.append("results หรือ/or measures")
    if missing:
        raise InputError(
            kind,
            [f"ต้องมีไฟล์ {', '.join(missing)} / needs {', '.join(missing)}"],
        )
    content = build_content(
        kind,
        analysis=analysis,
        agency=agency,
        plan=plan,
        progress=progress,
        options=options,
        texts=texts,
    )
    if fmt == "pdf":
        from prongsai.documents.pdf import render_pdf

        return render_pdf(content)
    from prongsai.documents.docx import render_docx

    return render_docx(content, template)


__all__ = ["FORMATS", "KINDS", "NEEDS", "InputError", "Options", "Texts", "make_document"]
