"""Results in, on the web: import a file or pasted text, check it in a preview, enter
results by hand, and replace a year only after seeing what would change."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai import library
from prongsai.agencies import queries, results_reading
from prongsai.agencies.access import Action, found, require
from prongsai.agencies.services import save_assessment
from prongsai.engine import Finding, Framework, ResultsError
from prongsai.importers.results_import import ImportedResults
from prongsai.importers.results_template import write_template_csv, write_template_xlsx
from prongsai.thai import parse_be_year
from prongsai.web.downloads import XLSX, download
from prongsai.web.findings import thai_message
from prongsai.web.forms.results import (
    ResultsForm,
    field_of,
    form_sections,
    initial_from_document,
)

CHOSEN_SALT = "prongsai.import-choice"


def _edition(year: Any) -> Framework:
    """The edition of a year typed or read, else the latest (names and codes are needed)."""
    try:
        fiscal_year = parse_be_year(str(year))
    except ValueError:
        fiscal_year = None
    return library.registry().edition_or_latest(fiscal_year)


@login_required
def import_page(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Upload or paste; a small file is previewed at once, a large one read by a job."""
    agency = require(request, agency_id, Action.RESULTS).agency
    if request.method == "POST" and request.POST.get("chosen"):
        return _preview(request, agency, _chosen(request.POST["chosen"]))
    read = results_reading.Read()
    if request.method == "POST":
        read = results_reading.read_results(
            agency=agency,
            user=request.user,
            upload=request.FILES.get("file"),
            text=request.POST.get("text", ""),
            year_text=request.POST.get("year", ""),
        )
        if read.job is not None:
            return redirect("job", job_id=read.job.pk)
        if read.found:
            return _shown(request, agency, read.found)
    context = {"agency": agency, "errors": read.errors, "text": request.POST.get("text", "")}
    return render(request, "results/import.html", context)


@login_required
def import_job(request: HttpRequest, agency_id: int, job_id: UUID) -> HttpResponse:
    """The preview of what a background reading found (its job page until it has)."""
    agency = require(request, agency_id, Action.RESULTS).agency
    job = found(results_reading.reading_job(user=request.user, agency=agency, job_id=job_id))
    imported = results_reading.found_by(job)
    if imported is None:
        return redirect("job", job_id=job.pk)
    return _shown(request, agency, imported)


def _shown(request: HttpRequest, agency: Any, read: list[ImportedResults]) -> HttpResponse:
    """One agency's results: the preview; several: the user picks one first."""
    if len(read) == 1:
        return _preview(request, agency, read[0])
    return _pick(request, agency, read)


def _pick(request: HttpRequest, agency: Any, found: list[ImportedResults]) -> HttpResponse:
    """A text about several agencies: the user picks the one to check and save."""
    rows = [
        {
            "document": imported.document,
            "chosen": signing.dumps(
                results_reading.as_json(imported.document), salt=CHOSEN_SALT, compress=True
            ),
            "mine": imported.document.get("agency") == agency.name,
        }
        for imported in found
    ]
    return render(request, "results/pick.html", {"agency": agency, "rows": rows})


def _chosen(value: str) -> ImportedResults:
    """The document the user picked from a multi-agency text (signed: never altered)."""
    try:
        document = dict(signing.loads(value, salt=CHOSEN_SALT))
    except signing.BadSignature as exc:
        raise SuspiciousOperation("altered import choice") from exc
    return ImportedResults(document, None)


def _preview(request: HttpRequest, agency: Any, imported: ImportedResults) -> HttpResponse:
    document = imported.document
    framework = _edition(document.get("fiscal_year"))
    form = ResultsForm(framework, initial=initial_from_document(document))
    source = document["source"]
    evidence = {field_of(e["field"]): e for e in source.get("found", [])}
    found_agency = document.get("agency")
    return render(
        request,
        "results/form.html",
        {
            "agency": agency,
            "form": form,
            "sections": form_sections(form, evidence),
            "source": source,
            "problems": [thai_message(p) for p in imported.problems],
            "no_edition": any(p.code == "NO_EDITION" for p in imported.problems),
            "other_agency": found_agency if found_agency and found_agency != agency.name else None,
            "previewing": True,
        },
    )


@login_required
def results_form(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Manual entry (GET), and saving both it and an import preview (POST)."""
    agency = require(request, agency_id, Action.RESULTS).agency
    framework = _edition(request.POST.get("fiscal_year") or request.GET.get("year"))
    if request.method != "POST":
        form = ResultsForm(framework, initial=_stored(agency, framework))
        return _form_page(request, agency, form)
    form = ResultsForm(framework, request.POST)
    if not form.is_valid():
        return _form_page(request, agency, form)
    document = form.document(agency.name)
    try:
        changes = queries.replacement_changes(agency, document)
    except ResultsError as exc:
        return _form_page(request, agency, form, problems=exc.problems)
    if changes is not None and request.POST.get("confirm") != "replace":
        existing = queries.assessment_of(agency, document["fiscal_year"])
        context = {"agency": agency, "existing": existing, "changes": changes, "post": request.POST}
        return render(request, "results/confirm.html", context)
    return _save(request, agency, document, form.cleaned_data["source"])


def _stored(agency: Any, framework: Framework) -> dict[str, Any]:
    """The form's values for the year the agency already has, else an empty year."""
    existing = queries.assessment_of(agency, framework.fiscal_year)
    initial = initial_from_document(existing.results) if existing else {}
    initial.setdefault("fiscal_year", framework.fiscal_year)
    return initial


def _save(
    request: HttpRequest, agency: Any, document: dict[str, Any], source: dict[str, Any]
) -> HttpResponse:
    label = (
        _("imported from %(file)s") % {"file": source["file"]} if source else _("entered by hand")
    )
    try:
        assessment = save_assessment(
            agency=agency, document=document, source=label, user=request.user
        )
    except ResultsError as exc:  # e.g. the year's edition went away since the preview
        form = ResultsForm(_edition(document["fiscal_year"]), request.POST)
        form.is_valid()
        return _form_page(request, agency, form, problems=exc.problems)
    messages.success(
        request,
        _("Saved the ITA %(year)s results of %(agency)s.")
        % {"year": assessment.fiscal_year, "agency": agency.name},
    )
    return redirect("results_year", agency_id=agency.pk, year=assessment.fiscal_year)


def _form_page(
    request: HttpRequest, agency: Any, form: ResultsForm, problems: list[Finding] | None = None
) -> HttpResponse:
    """The form as typed, with the engine's problems (and, for a year without an
    edition, how an edition is added)."""
    problems = problems or []
    return render(
        request,
        "results/form.html",
        {
            "agency": agency,
            "form": form,
            "sections": form_sections(form, {}),
            "problems": [thai_message(p) for p in problems],
            "no_edition": any(p.code == "NO_EDITION" for p in problems),
            "years": library.registry().keys(),
        },
    )


@login_required
def results_template(request: HttpRequest) -> HttpResponse:
    framework = _edition(request.GET.get("year"))
    name = f"ita-{framework.fiscal_year}-results"
    if request.GET.get("format") == "csv":
        return download(write_template_csv(framework), f"{name}.csv", "text/csv; charset=utf-8")
    return download(write_template_xlsx(framework), f"{name}.xlsx", XLSX)
