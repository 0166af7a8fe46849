"""A GET never writes, years in URLs are Buddhist-era years the app knows (2500–2700,
else 404), and a server error is logged with its traceback even with DEBUG off."""

import os
import subprocess
import sys

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from prongsai.plans.models import Plan
from tests.workbench import build

pytestmark = pytest.mark.django_db


def test_opening_the_new_measure_form_creates_no_plan(client):
    bench = build()
    client.force_login(bench.users["coordinator"])
    plans, entries = Plan.objects.count(), LogEntry.objects.count()
    page = client.get(f"/agencies/{bench.agency.pk}/plans/2599/measures/new/")
    assert page.status_code == 200
    assert 'name="title"' in page.content.decode()
    assert (Plan.objects.count(), LogEntry.objects.count()) == (plans, entries)
    assert not Plan.objects.filter(fiscal_year=2599).exists()
    data = {
        "title": "จัดทำคู่มือการปฏิบัติงาน",
        "steps": "ขั้นแรก",
        "units": [bench.finance.pk],
        "start": "2555-10-01",
        "end": "2556-09-01",
        "follow_up": "รายงานรอบ ๖ เดือน",
    }
    client.post(reverse("measure_new", args=[bench.agency.pk, 2599]), data)
    assert Plan.objects.filter(fiscal_year=2599).exists()  # a POST does create it


@pytest.mark.parametrize(
    "path",
    [
        "/agencies/{a}/plans/99999/measures/new/",
        "/agencies/{a}/plans/2499/",
        "/agencies/{a}/plans/2701/measures/new/",
        "/agencies/{a}/results/1999/",
        "/agencies/{a}/documents/ita/9999/memo.docx",
        "/p/{a}/ita/2023/",
        "/p/{a}/measures/99999.pdf",
    ],
)
def test_years_outside_2500_to_2700_are_404_and_write_nothing(client, path):
    bench = build()
    client.force_login(bench.users["admin"])
    plans, entries = Plan.objects.count(), LogEntry.objects.count()
    assert client.get(path.format(a=bench.agency.pk)).status_code == 404
    assert (Plan.objects.count(), LogEntry.objects.count()) == (plans, entries)


LOG_AN_ERROR = """
import sys
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response
try:
    raise RuntimeError("the disk is full")
except RuntimeError:
    # What Django's handler does for an exception in a view (response_for_exception).
    request = RequestFactory().get("/agencies/1/")
    log_response("Internal Server Error: %s", request.path, response=HttpResponse(status=500),
                 request=request, exception=sys.exc_info()[1])
"""


def test_server_errors_are_logged_with_their_traceback(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    environment.update(
        DATA_DIR=str(tmp_path),
        SECRET_KEY="k",
        DJANGO_SETTINGS_MODULE="prongsai.config.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", LOG_AN_ERROR], env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "ERROR django.request: Internal Server Error: /agencies/1/" in done.stderr
    assert "Traceback (most recent call last)" in done.stderr
    assert "RuntimeError: the disk is full" in done.stderr
