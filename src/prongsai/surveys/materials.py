"""What an agency hands out: the QR code of the public link, the A4 poster and the sheet
of one-time code slips, as PDFs through the documents module's HTML→PDF."""

from __future__ import annotations

import base64
import io

import segno

from prongsai.documents.pdf import render_pdf
from prongsai.surveys import queries
from prongsai.surveys.models import Survey
from prongsai.thai import format_be_date

WHO = {"IIT": "สำหรับบุคลากรของหน่วยงาน", "EIT": "สำหรับผู้มาติดต่อและรับบริการ"}


def qr_svg(url: str) -> bytes:
    """The link as a QR code (error correction M, good for printing), SVG."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return out.getvalue()


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=2)
    return out.getvalue()


def poster_pdf(survey: Survey, url: str) -> bytes:
    qr = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url)).decode("ascii")
    content = {
        "kind": "survey_poster",
        "title": f"แบบสำรวจ {survey.tool} {survey.agency.name}",
        "thai_digits": False,
        "agency": {"name": survey.agency.name},  # shaped like every document's
        "who": WHO[survey.tool],
        "qr": qr,
        "url": url,
        "codes": survey.uses_codes,
        "pages": len(queries.pages(survey)),
        "until": format_be_date(survey.closes_on) if survey.closes_on else "",
    }
    return render_pdf(content)


def codes_pdf(survey: Survey, url: str, *, unused_only: bool = True) -> bytes:
    codes = survey.codes.filter(used=False) if unused_only else survey.codes.all()
    content = {
        "kind": "survey_codes",
        "title": f"รหัสตอบแบบสำรวจ {survey.agency.name}",
        "thai_digits": False,
        "agency": {"name": survey.agency.name},  # shaped like every document's
        "url": url,
        "codes": list(codes.values_list("code", flat=True)),
    }
    return render_pdf(content)


def answers_xlsx(survey: Survey) -> bytes:
    from openpyxl import Workbook

    header, rows = queries.export_table(survey)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{survey.tool} {survey.fiscal_year}-{survey.round}"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def answers_csv(survey: Survey) -> bytes:
    import csv

    header, rows = queries.export_table(survey)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Thai Excel opens UTF-8
