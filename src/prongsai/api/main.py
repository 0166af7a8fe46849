"""The REST API: /api/v1/…, documented at /api/docs, its schema at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from prongsai.api import agencies, errors, oit, plans, summaries
from prongsai.api.auth import AUTH

api = NinjaAPI(
    title="prongsai API",
    version="1",
    description=(
        "ผลการประเมิน ITA แผนมาตรการ และรายงานความก้าวหน้าของหน่วยงาน / "
        "An agency's ITA results, measures plans and progress. "
        "Authenticate with a personal token (Authorization: Bearer ps_…) made on your "
        "profile page or with `prongsai api-token create`."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/v1/", agencies.router)
api.add_router("/v1/", plans.router)
api.add_router("/v1/", summaries.router)
api.add_router("/v1/", oit.router)
