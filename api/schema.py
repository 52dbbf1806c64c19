"""drf-spectacular post-processing: every operation documents the one error shape for its error statuses."""

ERROR_STATUSES = {
    "400": "Bad input: `fields` names each refused field",
    "401": "No or an invalid token / session",
    "403": "Your role may not do this (or the CSRF check of a session failed)",
    "404": "Not found, or not yours to see",
    "406": "Only application/json is offered",
    "409": "Not in this state, a condition is unmet, or someone else acted first",
    "415": "Send application/json (or multipart/form-data for uploads)",
}

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "description": "Stable code: invalid, not_found, forbidden, wrong_state, …"},
        "message": {"type": "string", "description": "In the request's language (Accept-Language)"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "key": {"type": "string", "nullable": True, "description": "POST /api/eligibility only: the offending fact"},
    },
    "required": ["error", "message", "fields"],
}


def _link_created_application(result):
    """OpenAPI links from a created application to every operation on it: how a client (and schemathesis'
    stateful phase) follows an application from creation to submission."""
    paths = result.get("paths", {})
    created = paths.get("/api/applications", {}).get("post", {}).get("responses", {}).get("201")
    if created is None:
        return
    links = {}
    for path, operations in paths.items():
        if not path.startswith("/api/applications/{id}"):
            continue
        for operation in operations.values():
            if "operationId" in operation:
                links[operation["operationId"]] = {
                    "operationId": operation["operationId"],
                    "parameters": {"id": "$response.body#/id"},
                }
    created["links"] = links


def document_errors(result, generator, request, public):
    _link_created_application(result)
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status_code, description in ERROR_STATUSES.items():
                responses.setdefault(status_code, {"description": description, "content": reference})
    return result
