"""One gate for what every request carries: the URL, the query string, form fields and anonymous uploads.

Placed right after AuthenticationMiddleware (the user is known, the language active) and before anything
reads request.POST, so the anonymous upload handler is in place when the body is parsed.
"""

import logging
from importlib import import_module

from django.conf import settings
from django.db import DataError
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from hardening.uploads import gate_anonymous_uploads
from hardening.views import bad_input_response

logger = logging.getLogger("talentportal.security")

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
NUL = "\x00"


def _view_for(request):
    try:
        return resolve(request.path_info).func
    except Resolver404:
        return None


def _values_problem(values, *, limit: int) -> str | None:
    for key, items in values.lists():
        for text in (key, *items):
            if NUL in text:
                return _("提交的内容中含有不允许的空字符（NUL），请删除后重试。")
            if len(text) > limit:
                return _("提交的内容过长（单项最多%(limit)d个字符）。") % {"limit": limit}
    return None


def _signed_by_other_means(request) -> bool:
    """Whether an authenticator of settings.REQUEST_AUTHENTICATORS (an API token, say) names a user."""
    from django.utils.module_loading import import_string

    return any(import_string(path)(request) is not None for path in settings.REQUEST_AUTHENTICATORS)


class HardeningMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._forget_malformed_session_key(request)
        refusal = self._refusal(request)
        if refusal is not None:
            message, status = refusal
            logger.warning("refused %s %s: %s", request.method, request.path[:200].encode(), message)
            response = bad_input_response(request, message, status=status)
        else:
            response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    @staticmethod
    def _forget_malformed_session_key(request) -> None:
        # A session cookie holding NUL reached the session table as a query parameter: a 500 on
        # PostgreSQL. Django's own keys are short lowercase alphanumerics; anything else is no session.
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key is not None and not (key.isascii() and key.isalnum() and len(key) <= 64):
            request.session = import_module(settings.SESSION_ENGINE).SessionStore(None)

    def _refusal(self, request) -> tuple[str, int] | None:
        path = request.path_info
        if NUL in path:
            return _("网址中含有不允许的空字符（NUL）。"), 400
        if len(path) > settings.MAX_URL_PATH_CHARS:
            return _("网址过长。"), 400
        problem = _values_problem(request.GET, limit=settings.MAX_QUERY_VALUE_CHARS)
        if problem:
            return problem, 400
        if request.method not in BODY_METHODS:
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _("请求格式有误。"), 400
        if length > settings.MAX_REQUEST_BYTES:
            return (
                _("提交的内容过大（一次最多%(limit)s）。请分几次上传文件。")
                % {"limit": filesizeformat(settings.MAX_REQUEST_BYTES)},
                413,
            )
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated) and not _signed_by_other_means(request):
            if length > settings.ANONYMOUS_MAX_REQUEST_BYTES:
                return (
                    _("提交的内容过大（未登录时上限为%(limit)s）。请登录后再上传文件。")
                    % {"limit": filesizeformat(settings.ANONYMOUS_MAX_REQUEST_BYTES)},
                    413,
                )
            gate_anonymous_uploads(request, _view_for(request))
        # The API parses its own bodies (DRF): reading request.POST here would exhaust the stream, and DRF
        # would then take a form body it answers 415 to (JSON only) from Django's parse instead.
        if request.content_type in FORM_TYPES and not request.path_info.startswith("/api/"):
            # Parsing errors (too many fields or files, too much data, a broken boundary) are Django's
            # own 400s; they surface here because this is the first reader of the body.
            problem = _values_problem(request.POST, limit=settings.MAX_FORM_VALUE_CHARS)
            if problem:
                return problem, 400
        return None

    def process_exception(self, request, exception):
        # Last line of defence: a value the database will not store (too long for its column, out of
        # range) is the user's bad input, not a server failure.
        if isinstance(exception, DataError):
            logger.warning("database refused a value on %s: %s", request.path[:200], exception)
            return bad_input_response(request, _("提交的某项内容过长或格式不正确，未能保存。请检查后重试。"))
        return None
