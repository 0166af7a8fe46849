"""The API against its own OpenAPI schema, with generated requests (schemathesis):
no server error, and every response — success or error — matches the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from prongsai.api.tokens import create_token
from tests.workbench import build

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def auth(db):
    # Called as a WSGI app, Django closes the database connection after each request;
    # that would end the test's transaction on PostgreSQL (the test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    bench = build()
    _token, plain = create_token(
        user=bench.users["admin"], name="fuzz", scope="write", agency_ids=[bench.agency.pk]
    )
    yield {"Authorization": f"Bearer {plain}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_its_schema(case, auth):
    case.call_and_validate(headers=auth, checks=CHECKS)
