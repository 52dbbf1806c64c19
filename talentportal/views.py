from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"status": "error", "database": "unavailable", "detail": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request):
    return render(request, "home.html")


def _api_error(request, status, code, message):
    """Under /api/ even Django's own error pages answer in the API's one error shape."""
    if not request.path.startswith("/api/"):
        return None
    from api.exceptions import error_body

    return JsonResponse(error_body(code, message), status=status)


def error_404(request, exception):
    from django.utils.translation import gettext as _

    return _api_error(request, 404, "not_found", _("未找到，或您无权查看。")) or render(
        request, "errors/404.html", status=404
    )


def error_500(request):
    from django.utils.translation import gettext as _

    return _api_error(request, 500, "server_error", _("服务器内部错误，已记录，请稍后再试。")) or render(
        request, "errors/500.html", status=500
    )
