"""The REST API end to end, its tokens, and its permission matrix: every operation ×
every role × own / other agency, with a token as a script would call it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from prongsai.agencies.queries import analysis_of
from prongsai.api.models import ApiToken
from prongsai.api.tokens import TokenError, create_token
from prongsai.cli import main
from prongsai.engine import analysis_to_dict
from prongsai.plans.models import Measure, ProgressEntry
from tests.helpers import SEED_001, example
from tests.workbench import ROLES, build

pytestmark = pytest.mark.django_db


def bearer(plain):
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def token_for(bench, role, scope="write"):
    _token, plain = create_token(
        user=bench.users[role], name=role, scope=scope, agency_ids=[bench.agency.pk]
    )
    return bearer(plain)


def test_a_script_reads_imports_plans_and_reports_with_one_token(client):
    bench = build()
    agency = bench.agency.pk
    auth = token_for(bench, "coordinator")

    listed = client.get("/api/v1/agencies", **auth).json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == bench.agency.name

    # The analysis is the engine's, the same JSON as `prongsai analyze --format json`.
    reply = client.get(f"/api/v1/agencies/{agency}/assessments/2565", **auth)
    assert reply.status_code == 200
    expected = analysis_to_dict(analysis_of(bench.agency.assessments.get(fiscal_year=2565)))
    assert reply.json()["analysis"] == json.loads(json.dumps(expected))
    assert reply.json()["analysis"]["overall"] == 92.42
    again = client.get(
        f"/api/v1/agencies/{agency}/assessments/2565",
        HTTP_IF_NONE_MATCH=reply.headers["ETag"],
        **auth,
    )
    assert again.status_code == 304

    # A dry run shows what would be saved and changes nothing.
    document = example(SEED_001) | {"fiscal_year": 2566}
    url = f"/api/v1/agencies/{agency}/imports"
    dry = client.post(url, {"document": document}, content_type="application/json", **auth)
    assert dry.status_code == 200, dry.content
    assert dry.json()["saved"] is False and dry.json()["replaces"] is False
    assert dry.json()["analysis"]["overall"] == 95.45
    assert not bench.agency.assessments.filter(fiscal_year=2566).exists()
    saved = client.post(
        url, {"document": document, "dry_run": False}, content_type="application/json", **auth
    )
    assert saved.json()["saved"] is True
    assert bench.agency.assessments.get(fiscal_year=2566).source == "API"
    # Saving again would replace the year: refused without replace, with the changes.
    changed = document | {"indicators": {**document["indicators"], "1": 50}}
    refused = client.post(
        url, {"document": changed, "dry_run": False}, content_type="application/json", **auth
    )
    assert refused.status_code == 409 and refused.json()["code"] == "would_replace"
    assert {"field": "indicators.1", "before": "97.61", "after": 50} in refused.json()["details"]

    # A measure in a new plan, then progress on a measure of the existing round.
    measure = {
        "title": "ประชุมชี้แจงแนวทางการเปิดเผยข้อมูล",
        "steps": ["จัดประชุม", "รายงานผล"],
        "units": ["สำนักปลัด"],
        "start": "2567-10",
        "end": "2568-03",
        "follow_up": "รายงานรอบ ๖ เดือน",
        "indicators": [9],
        "oit_items": ["O1"],
    }
    made = client.post(
        f"/api/v1/agencies/{agency}/plans/2568/measures",
        measure,
        content_type="application/json",
        **auth,
    )
    assert made.status_code == 201, made.content
    assert made.json()["number"] == 1 and made.json()["start"] == "2567-10"
    assert Measure.objects.get(plan__fiscal_year=2568).title == measure["title"]
    progress = {"status": "done", "done": "จัดประชุมแล้ว", "done_on": "2023-03-15"}
    recorded = client.put(
        f"/api/v1/agencies/{agency}/plans/2566/rounds/6/entries/2",
        progress,
        content_type="application/json",
        **auth,
    )
    assert recorded.status_code == 200, recorded.content
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    assert (entry.status, entry.done, entry.done_on.isoformat()) == (
        "done",
        "จัดประชุมแล้ว",
        "2023-03-15",
    )
    assert entry.updated_by == bench.users["coordinator"]  # the token acts as its user


def test_bad_input_is_a_json_error_in_thai_and_english(client):
    bench = build()
    auth = token_for(bench, "coordinator")
    url = f"/api/v1/agencies/{bench.agency.pk}/imports"
    bad = client.post(
        url,
        {"document": {"fiscal_year": 2566, "indicators": {"1": 105}}},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_results"
    assert "0–100" in bad.json()["details"][0]["message"]
    measure = client.post(
        f"/api/v1/agencies/{bench.agency.pk}/plans/2568/measures",
        {
            "title": "x",
            "steps": ["a"],
            "units": ["ไม่มีกองนี้"],
            "start": "2567-10",
            "end": "2568-03",
            "follow_up": "y",
        },
        content_type="application/json",
        **auth,
    )
    assert measure.status_code == 422 and measure.json()["code"] == "unknown_unit"
    outside = client.post(
        f"/api/v1/agencies/{bench.agency.pk}/plans/2568/measures",
        {
            "title": "x",
            "steps": ["a"],
            "units": ["สำนักปลัด"],
            "start": "2566-10",
            "end": "2568-03",
            "follow_up": "y",
        },
        content_type="application/json",
        **auth,
    )
    assert outside.status_code == 422 and outside.json()["details"][0]["field"] == "start"
    assert client.get("/api/v1/agencies/99999999999999999999", **auth).status_code == 404


def test_tokens_are_hashed_scoped_expire_and_revoke_at_once(client):
    bench = build()
    other = build("เทศบาลตำบลโนนหัน", prefix="other-")
    token, plain = create_token(
        user=bench.users["coordinator"], name="r", scope="read", agency_ids=[bench.agency.pk]
    )
    assert plain not in token.digest and len(token.digest) == 64
    auth = bearer(plain)
    assert client.get(f"/api/v1/agencies/{bench.agency.pk}", **auth).status_code == 200
    write = client.post(
        f"/api/v1/agencies/{bench.agency.pk}/imports",
        {"document": example(SEED_001), "dry_run": False},
        content_type="application/json",
        **auth,
    )
    assert write.status_code == 403  # read scope
    assert client.get(f"/api/v1/agencies/{other.agency.pk}", **auth).status_code == 404
    with pytest.raises(TokenError):  # a token only for the user's own agencies
        create_token(
            user=bench.users["coordinator"], name="x", scope="read", agency_ids=[other.agency.pk]
        )
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/api/v1/agencies/{bench.agency.pk}", **auth).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() + timedelta(days=1))
    client.force_login(bench.users["coordinator"])
    client.post(f"/profile/tokens/{token.pk}/revoke/")
    client.logout()
    reply = client.get(f"/api/v1/agencies/{bench.agency.pk}", **auth)
    assert reply.status_code == 401 and reply.json()["code"] == "unauthenticated"


def test_the_profile_page_shows_a_new_token_once(client):
    bench = build()
    client.force_login(bench.users["viewer"])
    page = client.post(
        "/profile/tokens/",
        {"name": "แดชบอร์ดจังหวัด", "scope": "read", "agencies": [bench.agency.pk], "days": 30},
    )
    plain = page.context["plain"]
    assert plain.startswith("ps_") and plain in page.content.decode()
    assert plain not in client.get("/profile/tokens/").content.decode()
    client.logout()
    assert client.get("/api/v1/agencies", **bearer(plain)).json()["count"] == 1


def test_the_cli_makes_a_token_for_scripts(capsys):
    bench = build()
    code = main(
        [
            "api-token",
            "create",
            "--user",
            "coordinator",
            "--agency",
            str(bench.agency.pk),
            "--scope",
            "read",
        ]
    )
    assert code == 0
    plain = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(prefix=plain[:10])
    assert token.scope == "read" and list(token.agencies.all()) == [bench.agency]
    assert main(["api-token", "create", "--user", "nobody", "--agency", "1"]) == 2


# ---------------------------------------------------------------- the matrix

EVERYONE = set(ROLES)
EDITORS = {"admin", "coordinator"}
MEASURE = {
    "title": "มาตรการทดสอบ",
    "steps": ["ขั้นตอน"],
    "units": ["สำนักปลัด"],
    "start": "2565-10",
    "end": "2566-09",
    "follow_up": "ติดตาม",
}
# method, path after /api/v1/agencies/{id}, body, roles allowed
OPERATIONS = [
    ("get", "", None, EVERYONE),
    ("get", "/assessments", None, EVERYONE),
    ("get", "/assessments/2565", None, EVERYONE),
    ("get", "/plans", None, EVERYONE),
    ("get", "/plans/2566", None, EVERYONE),
    ("get", "/plans/2566/rounds", None, EVERYONE),
    ("get", "/plans/2566/rounds/6", None, EVERYONE),
    ("get", "/audit", None, {"admin"}),
    ("post", "/imports", {"document": {"fiscal_year": 2567}}, EDITORS),
    ("post", "/plans/2567/measures", MEASURE | {"start": "2566-10", "end": "2567-09"}, EDITORS),
    ("put", "/plans/2566/rounds/6/entries/2", {"status": "in_progress"}, EDITORS | {"unit_editor"}),
    ("put", "/plans/2566/rounds/6/entries/1", {"status": "in_progress"}, EDITORS),
]


@pytest.fixture
def world():
    return {"own": build(), "other": build("เทศบาลตำบลโนนหัน", prefix="other-")}


def call(client, method, url, body, auth):
    if body is None:
        return getattr(client, method)(url, **auth)
    return getattr(client, method)(url, body, content_type="application/json", **auth)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "allowed"), OPERATIONS)
def test_api_matrix(client, world, role, method, path, body, allowed):
    own, other = world["own"], world["other"]
    auth = token_for(own, role)
    url = f"/api/v1/agencies/{own.agency.pk}{path}"
    reply = call(client, method, url, body, auth)
    assert reply.status_code == (
        (201 if method == "post" and "measures" in path else 200) if role in allowed else 403
    ), reply.content
    # The same operation on another agency does not exist for them.
    foreign = call(client, method, f"/api/v1/agencies/{other.agency.pk}{path}", body, auth)
    assert foreign.status_code == 404
    # Nobody without a token or a session gets anything.
    assert call(client, method, url, body, {}).status_code == 401
