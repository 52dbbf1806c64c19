"""The API reads JSON with the site's bounds (hardening.jsonbody): deep nesting, huge numbers, NaN and NUL are
a 400 with the reason, as on the site's own endpoints."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from hardening.jsonbody import BadJSON, json_loads_bounded


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            return json_loads_bounded(raw)
        except BadJSON as exc:
            raise ParseError(exc.message) from None
