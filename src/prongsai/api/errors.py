"""Every API error as JSON with a stable code and a Thai and an English message."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from prongsai.engine import ResultsError
from prongsai.plans.services import PlanError


class ErrorOut(Schema):
    code: str
    message: str
    message_en: str
    details: list[Any] = []


class ApiProblem(Exception):
    """An error a handler raises on purpose, with its status and both messages."""

    def __init__(
        self, status: int, code: str, message: str, message_en: str, details: Any = None
    ) -> None:
        super().__init__(message_en)
        self.status, self.code = status, code
        self.message, self.message_en = message, message_en
        self.details = details or []


def _reply(api: NinjaAPI, request: HttpRequest, status: int, **body: Any) -> HttpResponse:
    body.setdefault("details", [])
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    def problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return _reply(
            api,
            request,
            exc.status,
            code=exc.code,
            message=exc.message,
            message_en=exc.message_en,
            details=exc.details,
        )

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _reply(
            api, request, 404, code="not_found", message="ไม่พบข้อมูล", message_en="Not found"
        )

    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _reply(
            api,
            request,
            403,
            code="forbidden",
            message="ท่านไม่มีสิทธิ์ทำรายการนี้",
            message_en="You may not do this",
        )

    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _reply(
            api,
            request,
            401,
            code="unauthenticated",
            message="ต้องเข้าสู่ระบบหรือใช้โทเคน API ที่ยังใช้ได้",
            message_en="Log in or give a valid API token",
        )

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _reply(
            api,
            request,
            422,
            code="invalid",
            message="ข้อมูลที่ส่งมาไม่ถูกต้อง",
            message_en="The request is not valid",
            details=exc.errors,
        )

    def results(request: HttpRequest, exc: ResultsError) -> HttpResponse:
        return _reply(
            api,
            request,
            422,
            code="invalid_results",
            message="เอกสารผลการประเมินไม่ถูกต้อง",
            message_en="The results document is not valid",
            details=[p.as_dict() for p in exc.problems],
        )

    def plan(request: HttpRequest, exc: PlanError) -> HttpResponse:
        return _reply(api, request, 409, code="conflict", message=str(exc), message_en=str(exc))

    def http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return _reply(
                api,
                request,
                400,
                code="bad_request",
                message="อ่านข้อมูลที่ส่งมาไม่ได้ (ต้องเป็น JSON)",
                message_en=f"The request cannot be read: {exc}",
            )
        return _reply(
            api, request, exc.status_code, code="error", message=str(exc), message_en=str(exc)
        )

    api.add_exception_handler(ApiProblem, problem)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(ResultsError, results)
    api.add_exception_handler(PlanError, plan)
    api.add_exception_handler(HttpError, http)
