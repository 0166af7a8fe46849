"""Reading an agency's results file (or pasted text) for the import preview.

A small file is read in the request, within `IMPORT_REQUEST_SECONDS`. A large one (above
`IMPORT_BACKGROUND_BYTES`, a PDF above `IMPORT_BACKGROUND_PAGES` pages, or a file whose
text is longer than `IMPORT_REQUEST_CHARS`) would hold a web worker for a minute or more,
so it is stored under `imports/` in the media storage and read by a background job
(within `IMPORT_JOB_SECONDS`) that reports the pages read; the stored copy is removed as
soon as the job has read it. Either way the reading ends in the same list of
`ImportedResults` the preview shows, or in a Thai message; nothing is saved until the
user has checked the values and saves the preview.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from prongsai import library
from prongsai.agencies.models import Agency
from prongsai.engine import Finding
from prongsai.importers.document_text import MAX_BYTES, MAX_PDF_PAGES, MAX_TEXT_CHARS, pdf_pages
from prongsai.importers.results_import import (
    Budget,
    DocumentTextError,
    ImportedResults,
    NeedsMoreTime,
    TemplateError,
    import_results_many,
    import_text_many,
)
from prongsai.importers.results_template import FileProblem
from prongsai.jobs import queries as job_queries
from prongsai.jobs import services as jobs
from prongsai.thai import parse_be_year

logger = logging.getLogger(__name__)

UPLOAD_TYPES = (".txt", ".md", ".docx", ".pdf", ".xlsx", ".csv")
JOB_KIND = "results.import"
STORE = "imports"
# A stored upload whose job never ran (the worker was down, the queue lost) is removed
# by the next import after this long.
STALE_AFTER = timedelta(days=1)
MAX_MESSAGES = 50


@dataclass
class Read:
    """What reading gave: the agencies' results, the reasons it could not, or the job
    that reads it in the background."""

    found: list[ImportedResults] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    job: Any = None


def read_results(
    *, agency: Agency, user: Any, upload: Any = None, text: str = "", year_text: str = ""
) -> Read:
    """Read an uploaded file (or else pasted text) reporting ITA results; `year_text`
    is the ITA year the user gave, if any."""
    try:
        year = parse_be_year(year_text.strip()) if year_text.strip() else None
    except ValueError:
        return Read(errors=[gettext("The ITA year must be a Buddhist-era year such as 2568.")])
    text = text.strip()
    if upload is not None:
        if upload.size > MAX_BYTES:
            return Read(errors=[gettext("The file is larger than 20 MB.")])
        if not upload.name.lower().endswith(UPLOAD_TYPES):
            return Read(errors=[gettext("Upload a .docx, .pdf, .txt, .md, .xlsx or .csv file.")])
        data, name, pasted = upload.read(), upload.name[:200], False
    elif text:
        data, name, pasted = text.encode(), gettext("pasted text"), True
    else:
        return Read(errors=[gettext("Choose a file or paste the text of the report.")])

    def in_background() -> Read:
        return Read(
            job=_start(agency=agency, user=user, data=data, name=name, pasted=pasted, year=year)
        )

    try:
        if _in_background(data, name, pasted):
            return in_background()
        budget = Budget(settings.IMPORT_REQUEST_SECONDS, max_chars=settings.IMPORT_REQUEST_CHARS)
        return Read(found=_read(data, name, pasted=pasted, year=year, budget=budget))
    except NeedsMoreTime:  # a small file with a long text (Word compresses plain text ten times)
        return in_background()
    except (DocumentTextError, TemplateError) as exc:
        return Read(errors=_messages(exc))


def _in_background(data: bytes, name: str, pasted: bool) -> bool:
    """Whether reading `data` would take long. Raises `DocumentTextError` at once for
    what is too large to read at all and tells itself from a glance."""
    if pasted and len(data.decode()) > MAX_TEXT_CHARS:
        raise DocumentTextError("TEXT_TOO_LONG", name)
    pages = None if pasted else pdf_pages(data)
    if pages is not None and pages > MAX_PDF_PAGES:
        raise DocumentTextError("TOO_MANY_PAGES", name)
    return len(data) > settings.IMPORT_BACKGROUND_BYTES or (
        pages is not None and pages > settings.IMPORT_BACKGROUND_PAGES
    )


def _read(
    data: bytes, name: str, *, pasted: bool, year: int | None, budget: Budget
) -> list[ImportedResults]:
    """Every agency the file or text reports (usually one): the importers' own entry
    points, with the evidence the preview shows beside each value."""
    registry = library.registry()
    if pasted:
        return import_text_many(
            data.decode(), name, registry, year=year, explain=True, budget=budget
        )
    return import_results_many(data, name, registry, year=year, explain=True, budget=budget)


def _messages(exc: DocumentTextError | TemplateError) -> list[str]:
    """The messages in the page's language (a cell's problem is Thai only), the first
    MAX_MESSAGES of them: a file of thousands of bad cells is not a real template."""
    english = translation.get_language() == "en"
    if isinstance(exc, DocumentTextError):
        return [exc.message_en if english else exc.message]
    messages = [
        (problem.english if english else problem.thai)
        if isinstance(problem, FileProblem)
        else problem.message
        for problem in exc.problems[:MAX_MESSAGES]
    ]
    if len(exc.problems) > MAX_MESSAGES:
        more = len(exc.problems) - MAX_MESSAGES
        messages.append(gettext("… and %(count)s more.") % {"count": f"{more:,}"})
    return messages


# ---------------------------------------------------------------- in the background


def _start(
    *, agency: Agency, user: Any, data: bytes, name: str, pasted: bool, year: int | None
) -> Any:
    _remove_stale()
    stored = default_storage.save(f"{STORE}/{uuid.uuid4().hex}.upload", ContentFile(data))
    try:
        return jobs.start(
            read_in_background,
            kind=JOB_KIND,
            title=gettext("Reading ITA results: %(file)s") % {"file": name},
            user=user,
            agency=agency,
            agency_id=agency.pk,
            stored=stored,
            name=name,
            pasted=pasted,
            year=year,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    except BaseException:
        default_storage.delete(stored)
        raise


@task()
def read_in_background(
    job_id: str,
    agency_id: int,
    stored: str,
    name: str,
    pasted: bool,
    year: int | None,
    language: str,
) -> None:
    with translation.override(language), jobs.running(job_id) as progress:
        data = _take(stored)
        progress.note(gettext("Reading the file"))

        def on_pages(done: int, total: int) -> None:
            if done == 1:  # a PDF: the bar counts its pages
                progress.message = gettext("Reading the text of the PDF, page by page")
                progress.total(total)
            progress.step()
            if done == total:
                progress.note(gettext("Finding the values in the text"))

        budget = Budget(settings.IMPORT_JOB_SECONDS, on_pages=on_pages)
        try:
            found = _read(data, name, pasted=pasted, year=year, budget=budget)
        except (DocumentTextError, TemplateError) as exc:
            raise jobs.JobError(" ".join(_messages(exc))) from exc
        progress.keep({"found": [_plain(imported) for imported in found]})
        progress.step(0, message=gettext("Ready to check"))
        progress.result_url(reverse("import_results_job", args=[agency_id, job_id]))


def _take(stored: str) -> bytes:
    """The stored upload's bytes; the stored copy is removed whatever happens next."""
    if not default_storage.exists(stored):  # removed as stale: the worker was down a day
        raise jobs.JobError(gettext("The uploaded file is no longer kept: upload it again."))
    try:
        with default_storage.open(stored) as file:
            data: bytes = file.read()
    finally:
        default_storage.delete(stored)
    return data


def _remove_stale() -> None:
    if not default_storage.exists(STORE):
        return
    cutoff = timezone.now() - STALE_AFTER
    for name in default_storage.listdir(STORE)[1]:
        path = f"{STORE}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            logger.warning("removing the upload %s: its reading never ran", path)
            default_storage.delete(path)


def as_json(value: Any) -> Any:
    """A results document as plain JSON values (Decimal scores become strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _plain(imported: ImportedResults) -> dict[str, Any]:
    """One agency's reading as JSON: the document and why the engine cannot analyse it."""
    problems = [p.as_dict() for p in imported.problems]
    return {"document": as_json(imported.document), "problems": problems}


# ---------------------------------------------------------------- the result


def reading_job(*, user: Any, agency: Agency, job_id: Any) -> Any:
    """The user's own job reading results for this agency, else None."""
    job = job_queries.job_for(user, job_id)
    if job is None or job.kind != JOB_KIND or job.agency_id != agency.pk:
        return None
    return job


def found_by(job: Any) -> list[ImportedResults] | None:
    """What a finished reading job found; None while it runs or when it failed."""
    if job.status != job.Status.DONE or not job.result:
        return None
    return [
        ImportedResults(entry["document"], None, problems=[Finding(**p) for p in entry["problems"]])
        for entry in job.result["found"]
    ]
