"""Reading a JSON request body with bounds, so hostile JSON is a 400 with a reason, never a 500.

The standard parser raises RecursionError on deep nesting and ValueError (not JSONDecodeError) on an integer
of more than 4300 digits; it accepts NaN and Infinity, and strings holding NUL, which PostgreSQL refuses.
"""

import json
import math

from django.conf import settings
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _

MAX_NUMBER_CHARS = 30


class BadJSON(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _depth_exceeds(text: str, limit: int) -> bool:
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_CHARS:
        raise BadJSON(_("数字过长（最多%(n)d位）。") % {"n": MAX_NUMBER_CHARS})
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise BadJSON(_("数字过大或格式不受支持。"))
    return value


def _constant(name: str):
    raise BadJSON(_("不支持 %(name)s，请使用普通数字。") % {"name": name})


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def json_body(request):
    """The parsed JSON body of `request`; raise BadJSON with a translated message for anything hostile."""
    content_type = (request.content_type or "").lower()
    if content_type and content_type not in ("application/json", "text/plain") and not content_type.endswith("+json"):
        raise BadJSON(_("请求内容类型应为 application/json。"))
    try:
        raw = request.body
    except RawPostDataException:
        raise BadJSON(_("请求内容类型应为 application/json。")) from None
    if len(raw) > settings.JSON_MAX_BYTES:
        raise BadJSON(_("请求内容过大。"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadJSON(_("请求内容不是 UTF-8 编码。")) from None
    if _depth_exceeds(text, settings.JSON_MAX_DEPTH):
        raise BadJSON(_("JSON 嵌套过深（最多%(n)d层）。") % {"n": settings.JSON_MAX_DEPTH})
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise BadJSON(_("请求内容不是有效的 JSON：%(e)s") % {"e": exc}) from None
    except (ValueError, RecursionError):
        raise BadJSON(_("请求内容不是有效的 JSON。")) from None
    if _has_nul(value):
        raise BadJSON(_("内容中含有不允许的空字符（NUL）。"))
    return value
