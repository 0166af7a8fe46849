"""The API against its own OpenAPI schema, with generated requests (schemathesis):
no server error, and every response — success or error — matches the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
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
    bench = build()
    _token, plain = create_token(
        user=bench.users["admin"], name="fuzz", scope="write", agency_ids=[bench.agency.pk]
    )
    return {"Authorization": f"Bearer {plain}"}


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_its_schema(case, auth):
    case.call_and_validate(headers=auth, checks=CHECKS)
