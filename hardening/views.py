"""Error pages in the user's language: bad input (400/413), refused (403), CSRF failure, login lockout."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.META.get("CONTENT_TYPE", "")


def bad_input_response(request, message: str, *, status: int = 400):
    if _wants_json(request):
        return JsonResponse({"error": message, "key": None}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "hardening/bad_input.html", {"message": message, "status": status}, status=status)


def bad_request(request, exception=None):
    """handler400: Django's own refusals (too many fields, malformed multipart, suspicious requests)."""
    return bad_input_response(request, _("请求无法处理：提交的内容格式有误或过大。"))


def permission_denied(request, exception=None):
    """handler403."""
    return render(request, "hardening/403.html", status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually an expired page or blocked cookies; say so and how to carry on."""
    return render(request, "hardening/csrf_failure.html", status=403)


def lockout(request, credentials=None, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: too many wrong passwords for this account from this address."""
    return render(
        request,
        "hardening/lockout.html",
        {"cooloff_hours": settings.AXES_COOLOFF_TIME},
        status=429,
    )
