"""Every API error as JSON with a stable code and a Thai and an English message."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from prongsai.api import present
from prongsai.engine import ResultsError
from prongsai.plans.services import EditConflict, PlanError


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


def as_problem(exc: Exception) -> ApiProblem:
    """The API's answer to an exception a handler or ninja raised."""
    if isinstance(exc, ApiProblem):
        return exc
    if isinstance(exc, Http404):
        return ApiProblem(404, "not_found", "ไม่พบข้อมูล", "Not found")
    if isinstance(exc, PermissionDenied):
        return ApiProblem(403, "forbidden", "ท่านไม่มีสิทธิ์ทำรายการนี้", "You may not do this")
    if isinstance(exc, AuthenticationError):
        return ApiProblem(
            401,
            "unauthenticated",
            "ต้องเข้าสู่ระบบหรือใช้โทเคน API ที่ยังใช้ได้",
            "Log in or give a valid API token",
        )
    if isinstance(exc, ValidationError):
        return ApiProblem(
            422, "invalid", "ข้อมูลที่ส่งมาไม่ถูกต้อง", "The request is not valid", exc.errors
        )
    if isinstance(exc, ResultsError):
        details = [p.as_dict() for p in exc.problems]
        return ApiProblem(
            422,
            "invalid_results",
            "เอกสารผลการประเมินไม่ถูกต้อง",
            "The results document is not valid",
            details,
        )
    if isinstance(exc, EditConflict):
        current = exc.current
        return ApiProblem(
            409,
            "stale_version",
            "มีผู้อื่นบันทึกรายการนี้หลังจากที่ท่านอ่าน จึงไม่ได้บันทึก กรุณาอ่านฉบับล่าสุดแล้วส่งอีกครั้งพร้อม version ใหม่",
            "Someone saved this after you read it; nothing was saved."
            " Read the current version and send your change again with its version",
            [{"version": current.version, "etag": present.etag_of(current)}],
        )
    if isinstance(exc, PlanError):
        return ApiProblem(409, "conflict", str(exc), str(exc))
    if isinstance(exc, HttpError) and exc.status_code == 400:
        return ApiProblem(
            400,
            "bad_request",
            "อ่านข้อมูลที่ส่งมาไม่ได้ (ต้องเป็น JSON)",
            f"The request cannot be read: {exc}",
        )
    status = exc.status_code if isinstance(exc, HttpError) else 500
    return ApiProblem(status, "error", str(exc), str(exc))


HANDLED = (
    ApiProblem,
    Http404,
    PermissionDenied,
    AuthenticationError,
    ValidationError,
    ResultsError,
    PlanError,
    HttpError,
)


def install(api: NinjaAPI) -> None:
    def reply(request: HttpRequest, exc: Exception) -> HttpResponse:
        problem = as_problem(exc)
        body = {
            "code": problem.code,
            "message": problem.message,
            "message_en": problem.message_en,
            "details": problem.details,
        }
        return api.create_response(request, body, status=problem.status)

    for kind in HANDLED:
        api.add_exception_handler(kind, reply)
