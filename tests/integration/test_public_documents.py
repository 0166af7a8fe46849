"""Public PDFs are rendered once, when published, and served as stored with caching
headers; taking a page off removes the stored file; downloads are limited per address
(hardening issue, item 9)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from prongsai.agencies import services as agency_services
from prongsai.plans import document_inputs, services
from prongsai.plans.models import PublicDocument
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()


@pytest.fixture
def bench():
    return build()


@pytest.fixture
def renders(monkeypatch):
    """Every document rendered, by kind: the real renderer, counted."""
    made: list[str] = []
    real = document_inputs.document

    def counted(kind, fmt, *args, **kwargs):
        made.append(f"{kind}.{fmt}")
        return real(kind, fmt, *args, **kwargs)

    monkeypatch.setattr(document_inputs, "document", counted)
    return made


def _files(kind: str) -> list[Path]:
    return [Path(d.file.path) for d in PublicDocument.objects.filter(kind=kind)]


def test_a_published_plan_is_rendered_once_and_served_with_an_etag(
    client, bench, renders, django_capture_on_commit_callbacks
):
    url = reverse("public_measures_pdf", args=[bench.agency.pk, 2566])
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=True)
    assert renders == ["measures.pdf"]  # at publication, not at the first visit
    [stored] = _files("measures")
    bodies = []
    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200
        bodies.append(b"".join(response.streaming_content))
    assert renders == ["measures.pdf"]  # five downloads, still one rendering
    assert bodies[0].startswith(b"%PDF") and all(body == bodies[0] for body in bodies)
    assert bodies[0] == stored.read_bytes()
    etag = f'"{hashlib.sha256(bodies[0]).hexdigest()}"'
    assert response["ETag"] == etag
    assert response["Content-Type"] == "application/pdf"
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=600"}
    assert 'filename="measures-2566.pdf"' in response["Content-Disposition"]
    same = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert same.status_code == 304 and same.content == b"" and same["ETag"] == etag
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    changed = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200
    assert renders == ["measures.pdf"]


def test_taking_a_plan_off_removes_its_file_and_republishing_renders_again(
    client, bench, renders, django_capture_on_commit_callbacks
):
    url = reverse("public_measures_pdf", args=[bench.agency.pk, 2566])
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=True)
    [first] = _files("measures")
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=False)
    assert client.get(url).status_code == 404
    assert not PublicDocument.objects.exists() and not first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=True)
    assert renders == ["measures.pdf", "measures.pdf"]
    [second] = _files("measures")
    assert second.exists() and second != first
    assert client.get(url).status_code == 200
    # published again while public (a new publication date): rendered again, the old file goes
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=True)
    [third] = _files("measures")
    assert len(renders) == 3 and third.exists() and not second.exists()
    assert PublicDocument.objects.count() == 1


def test_a_round_and_an_analysis_are_rendered_at_publication_and_go_with_the_plan(
    client, bench, renders, django_capture_on_commit_callbacks
):
    agency = bench.agency.pk
    progress_round = bench.plan.rounds.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_round(progress_round=progress_round, published=True)
    with django_capture_on_commit_callbacks(execute=True):
        agency_services.publish_assessment(
            assessment=bench.agency.assessments.get(), published=True
        )
    assert renders == ["measures.pdf", "progress.pdf", "analysis.pdf"]
    urls = [
        reverse("public_analysis_pdf", args=[agency, 2565]),
        reverse("public_measures_pdf", args=[agency, 2566]),
        reverse("public_progress_pdf", args=[agency, 2566, 6]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200
    assert len(renders) == 3
    files = _files("measures") + _files("progress")
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen(plan=bench.plan)  # the plan and its rounds are no longer public
    assert [client.get(url).status_code for url in urls] == [200, 404, 404]
    assert list(PublicDocument.objects.values_list("kind", flat=True)) == ["analysis"]
    assert not any(path.exists() for path in files)
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    services.approve(plan=bench.plan, user=bench.users["executive"])
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_plan(plan=bench.plan, published=True)
    # published again with its plan, the round (still published) is rendered again too
    assert renders[3:] == ["measures.pdf", "progress.pdf"]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert len(renders) == 5
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen(plan=bench.plan)
    with django_capture_on_commit_callbacks(execute=True):
        agency_services.publish_assessment(
            assessment=bench.agency.assessments.get(), published=False
        )
    assert not PublicDocument.objects.exists()


def test_a_document_published_before_it_was_stored_is_rendered_on_its_first_request(
    client, bench, renders
):
    services.publish_plan(plan=bench.plan, published=True)  # its commit hooks never run here
    assert renders == [] and not PublicDocument.objects.exists()
    url = reverse("public_measures_pdf", args=[bench.agency.pk, 2566])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert renders == ["measures.pdf"]
    [stored] = _files("measures")
    stored.unlink()  # the file was lost (a restore without media): rendered once more
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert renders == ["measures.pdf", "measures.pdf"] and stored.parent.exists()
    assert len(_files("measures")) == 1 and _files("measures")[0].exists()


def test_downloads_are_limited_per_address(client, bench, renders, settings):
    settings.PUBLIC_DOWNLOADS_PER_ADDRESS = 3
    services.publish_plan(plan=bench.plan, published=True)
    url = reverse("public_measures_pdf", args=[bench.agency.pk, 2566])
    first = client.get(url)
    etag = first["ETag"]
    for _ in range(2):
        assert client.get(url).status_code == 200
    # a visitor that has the file asks whether it changed: no download, not counted
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    refused = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9")  # no proxy is trusted
    assert refused.status_code == 429
    assert refused.content.decode() == ("ดาวน์โหลดเอกสารจากที่อยู่นี้บ่อยเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่")
    assert 0 < int(refused["Retry-After"]) <= 600
    assert client.get(url, REMOTE_ADDR="198.51.100.7").status_code == 200  # another address
    assert renders == ["measures.pdf"]


def test_behind_a_trusted_proxy_the_address_it_appended_is_limited(
    client, bench, renders, settings
):
    settings.PUBLIC_DOWNLOADS_PER_ADDRESS = 1
    settings.LOGIN_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    services.publish_plan(plan=bench.plan, published=True)
    url = reverse("public_measures_pdf", args=[bench.agency.pk, 2566])
    assert client.get(url, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9").status_code == 200
    # the client's own first entry changes nothing: the proxy's last entry is the address
    assert client.get(url, HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.9").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 200
