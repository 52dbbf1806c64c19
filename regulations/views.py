import json

from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from regulations.eligibility import evaluate
from regulations.facts import FactsError
from regulations.precheck import precheck  # noqa: F401  (the web pre-check page lives in its own module)


@csrf_exempt
@require_POST
def api_eligibility(request):
    """POST the facts JSON (spec §5), get the answer; 400 with {"error", "key"} for bad input."""
    language = request.GET.get("lang") or get_language()
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return JsonResponse({"error": _("请求内容不是有效的 JSON：%(e)s") % {"e": exc}, "key": None}, status=400)
    try:
        answer = evaluate(data, language=language)
    except FactsError as exc:
        return JsonResponse({"error": exc.message, "key": exc.key}, status=400)
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
