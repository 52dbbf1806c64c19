"""One error shape for the whole API: {"error": code, "message": text, "fields": {name: [text, …]}}.

Views raise nothing of their own making: the services' refusals (TransitionRefused and its kin, each with
a code), Django's ValidationError from the upload checks, FactsError from the eligibility engine and DRF's
own exceptions all end here, in the caller's language (Accept-Language, via LocaleMiddleware).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.services import TokenRefused
from applications.services import PortalRefused, TransitionRefused

# The services' refusal codes, by the HTTP status that says the same thing.
STATUS_FOR_CODE = {
    "forbidden": status.HTTP_403_FORBIDDEN,
    "wrong_state": status.HTTP_409_CONFLICT,
    "conflict": status.HTTP_409_CONFLICT,
    "not_editable": status.HTTP_409_CONFLICT,
    "duplicate": status.HTTP_409_CONFLICT,
    "condition": status.HTTP_409_CONFLICT,
    "window": status.HTTP_409_CONFLICT,
    "unknown_date": status.HTTP_409_CONFLICT,
    "version_expired": status.HTTP_409_CONFLICT,
    "no_version": status.HTTP_409_CONFLICT,
    "config": status.HTTP_409_CONFLICT,
}


class ApiError(exceptions.APIException):
    """An error a view states itself (bad filter, unknown transition), already in the one shape."""

    def __init__(self, message, *, code: str, status_code: int = 400, fields: dict | None = None):
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.error_code = code
        self.fields = fields or {}


def _flatten(detail, prefix="") -> dict[str, list[str]]:
    """DRF's nested error detail as {"a.b[0]": ["…"]}."""
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, name))
        return out
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        out = {}
        for index, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}[{index}]"))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]}


def error_body(code: str, message, fields: dict | None = None) -> dict:
    return {"error": code, "message": str(message), "fields": fields or {}}


def _drf_error(exc: exceptions.APIException) -> tuple[str, str, dict]:
    if isinstance(exc, ApiError):
        return exc.error_code, str(exc.detail), exc.fields
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        lines = fields.get("non_field_errors")
        message = lines[0] if lines and len(fields) == 1 else _("提交的内容有误，请按字段提示更正。")
        return "invalid", message, fields
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    detail = exc.detail if isinstance(exc.detail, str) else exc.default_detail
    return code, str(detail), {}


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every refusal as the one JSON shape with the right status code."""
    from applications.access import StaffVerificationRequired
    from regulations.facts import FactsError

    headers = {}
    if isinstance(exc, StaffVerificationRequired):
        message = _("查看个人档案前须先完成动态验证码验证；接口请使用在已验证会话中创建的令牌。")
        return Response(error_body("second_factor_required", message), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到，或您无权查看。"))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, PortalRefused):
        status_code = STATUS_FOR_CODE.get(exc.code, status.HTTP_400_BAD_REQUEST)
        fields = {"non_field_errors": exc.messages} if len(exc.messages) > 1 else {}
        return Response(error_body(exc.code, " ".join(exc.messages), fields), status=status_code)
    if isinstance(exc, TransitionRefused | TokenRefused):
        status_code = STATUS_FOR_CODE.get(exc.code, status.HTTP_400_BAD_REQUEST)
        return Response(error_body(exc.code, exc.message), status=status_code)
    if isinstance(exc, DjangoValidationError):
        messages = [str(m) for m in exc.messages]
        code = getattr(exc, "code", None) or "invalid"
        return Response(error_body(code, " ".join(messages), {"file": messages}), status=400)
    if isinstance(exc, FactsError):
        body = error_body("invalid_facts", exc.message, {exc.key: [exc.message]} if exc.key else {})
        body["key"] = exc.key  # kept for callers of the first version of POST /api/eligibility
        return Response(body, status=400)
    if not isinstance(exc, exceptions.APIException):
        return None  # a real server error: Django's 500 handler answers in the same shape
    if isinstance(exc, exceptions.Throttled) and exc.wait:
        headers["Retry-After"] = str(int(exc.wait))
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    code, message, fields = _drf_error(exc)
    return Response(error_body(code, message, fields), status=exc.status_code, headers=headers)
