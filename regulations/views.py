from django.http import JsonResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hardening.jsonbody import BadJSON, json_body
from regulations.eligibility import evaluate
from regulations.facts import FactsError
from regulations.precheck import precheck  # noqa: F401  (the web pre-check page lives in its own module)


@csrf_exempt
@require_POST
def api_eligibility(request):
    """POST the facts JSON (spec §5), get the answer; 400 with {"error", "key"} for bad input."""
    language = request.GET.get("lang") or get_language()
    try:
        data = json_body(request)
    except BadJSON as exc:
        return JsonResponse({"error": exc.message, "key": None}, status=400, json_dumps_params={"ensure_ascii": False})
    try:
        # The fraud register is not public: only staff get an answer that consults it, so a document
        # number typed here tells nobody else whether that person is on it.
        # Asked lazily: the one staff rule lives in applications.access, which builds on this app.
        from applications.access import is_staff_user

        answer = evaluate(data, language=language, consult_register=is_staff_user(request.user))
    except FactsError as exc:
        return JsonResponse({"error": exc.message, "key": exc.key}, status=400)
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
