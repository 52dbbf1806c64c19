"""docs/api.md says what the API does: its error table and every refusal in the worked example are replayed here.

The worked example's requests are read from the document itself (method, path, headers, body, uploaded file)
and sent with the test client against the same situation built with factories; every body shown with
`| jq .` and every status printed with `-w '%{http_code}'` must be what the API answers now, word for word,
and each error's status must be the one the document's error table gives for its code. A changed message or
code fails here until the document is corrected.
"""

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts import roles
from api.exceptions import STATUS_FOR_CODE
from api.services import token_create
from applications import states as s
from regulations.codes import NANNING
from tests.applications.factories import PDF_BYTES, beihai_draft
from tests.factories import employer_user, staff_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db
DOC = Path(settings.BASE_DIR) / "docs" / "api.md"
# The files the example uploads: `example.sh` is a shell script, whatever name it is sent under.
FILES = {"example.sh": b"#!/bin/sh\necho 'not a document'\n", "passport.pdf": PDF_BYTES}


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


# ---------------------------------------------------------------- reading the document


def error_table() -> dict[str, set[int]]:
    """The `## Errors` table as {code: its statuses} (`too_large` is a file over its limit, 400, or a whole
    request over the limit, 413)."""
    section = doc_text().split("## Errors", 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.match(r"^\d{3}( / \d{3})*$", cells[0]):
            continue
        for status in re.findall(r"\d{3}", cells[0]):
            for code in re.findall(r"`([a-z_]+)`", cells[1]):
                table.setdefault(code, set()).add(int(status))
    return table


def worked_steps() -> dict[int, tuple[str, str]]:
    """{step number: (the command line, its output)} of the worked example."""
    steps = {}
    for number, block in re.findall(r"^### (\d+)\. .*?\n```console\n(.*?)^```", doc_text(), re.M | re.S):
        command, _, output = block.partition("\n")
        assert command.startswith("$ "), block
        steps[int(number)] = (command[2:], output)
    return steps


def json_values(output: str) -> list:
    """The JSON values printed one after another (pretty or `jq -c` lines, or a bare status code); a line that
    is not JSON (curl's `-w` summary of a download) is passed over."""
    decoder, values, index = json.JSONDecoder(), [], 0
    while True:
        while index < len(output) and output[index].isspace():
            index += 1
        if index >= len(output):
            return values
        try:
            value, end = decoder.raw_decode(output, index)
        except json.JSONDecodeError:
            end = output.find("\n", index)
            index = len(output) if end == -1 else end
            continue
        line_end = output.find("\n", end)
        if output[end : len(output) if line_end == -1 else line_end].strip():  # "200 application/pdf …"
            index = len(output) if line_end == -1 else line_end
            continue
        values.append(value)
        index = end


@dataclass
class Call:
    method: str = "GET"
    path: str = ""
    headers: dict = field(default_factory=dict)
    data: str | None = None
    form: dict = field(default_factory=dict)
    shows_body: bool = False  # `| jq .`: the whole body is printed
    shows_status: bool = False  # `-w '%{http_code}\n'`: the status alone is printed


def curl_calls(command: str) -> list[Call]:
    """The `curl` commands of a line (`;`-separated, each perhaps piped to jq), as the test client will send them."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";|")
    lexer.whitespace_split = True
    calls, words = [], list(lexer)
    segments, current = [], []
    for word in words + [";"]:
        if word == ";":
            segments.append(current)
            current = []
        else:
            current.append(word)
    for segment in filter(None, segments):
        curl, jq = segment, []
        if "|" in segment:
            cut = segment.index("|")
            curl, jq = segment[:cut], segment[cut + 1 :]
        assert curl[0] == "curl", segment
        call = Call(shows_body=jq == ["jq", "."])
        words = iter(curl[1:])
        for word in words:
            if word == "-s":
                continue
            if word == "-X":
                call.method = next(words)
            elif word == "-H":
                name, _, value = next(words).partition(": ")
                call.headers[name] = value
            elif word == "-d":
                call.data = next(words)
            elif word == "-F":
                name, _, value = next(words).partition("=")
                call.form[name] = value
            elif word == "-o":
                next(words)
            elif word == "-w":
                call.shows_status = next(words) == r"%{http_code}\n"
            else:
                assert word.startswith("$SITE/"), word
                call.path = word.removeprefix("$SITE")
        if call.form and call.method == "GET":
            call.method = "POST"  # curl -F posts
        calls.append(call)
    return calls


def send(client: Client, call: Call, *, env: dict[str, str], ids: dict[int, int]):
    path = re.sub(r"/(\d+)(?=/|$|\?)", lambda match: f"/{ids[int(match.group(1))]}", call.path)
    extra = {}
    for name, value in call.headers.items():
        for variable, secret in env.items():
            value = value.replace(f"${variable}", secret)
        if name != "Content-Type":
            extra["HTTP_" + name.upper().replace("-", "_")] = value
    if call.form:
        data = {}
        for name, value in call.form.items():
            if value.startswith("@"):
                source, _, filename = value[1:].partition(";filename=")
                value = SimpleUploadedFile(filename or source, FILES[source])
            data[name] = value
        return client.post(path, data, **extra)
    content_type = call.headers.get("Content-Type", "application/octet-stream")
    return client.generic(call.method, path, (call.data or "").encode(), content_type=content_type, **extra)


# ---------------------------------------------------------------- the situations the refusals are shown in


def token(user) -> str:
    return token_create(user=user, name="文档示例").secret


def draft():
    application = beihai_draft(criterion="")
    return {"TOKEN": token(application.created_by)}, {8: application.pk}


def draft_claiming_bh1():
    application = beihai_draft()  # BH-1 claimed: the work permit is one of the materials asked
    return {"TOKEN": token(application.created_by)}, {8: application.pk}


def submitted():
    application = make_application(state=s.SUBMITTED)
    return {"TOKEN": token(application.created_by)}, {8: application.pk}


def consultation_for_the_police():
    application = make_application(state=s.CONSULTATION)
    (consultation,) = consult(application, "beihai-public-security")
    return {"POLICE_TOKEN": token(department_user("beihai-public-security"))}, {7: consultation.pk}


def another_organisations_nanning_file():
    application = make_application(NANNING, state=s.SUBMITTED)
    env = {"TOKEN": token(employer_user()), "REVIEWER_TOKEN": token(staff_user(roles.BEIHAI_SCITECH_REVIEWER))}
    return env, {6: application.pk}


# The worked example's steps that show a refusal, and what the bureau's data looked like at that step.
REFUSALS = {
    2: draft,
    7: draft_claiming_bh1,
    10: submitted,
    13: consultation_for_the_police,
    14: another_organisations_nanning_file,
}


# ---------------------------------------------------------------- the tests


def test_every_refusal_of_the_worked_example_is_replayed_here():
    shown = {
        number
        for number, (_, output) in worked_steps().items()
        if any(isinstance(value, dict) and "error" in value for value in json_values(output))
    }
    assert shown == set(REFUSALS), "a refusal in docs/api.md without a situation here (or one no longer shown)"


@pytest.mark.parametrize("number", sorted(REFUSALS))
def test_the_worked_example_shows_what_the_api_answers(number):
    command, output = worked_steps()[number]
    env, ids = REFUSALS[number]()
    calls = curl_calls(command)
    shown = [value for value in json_values(output) if isinstance(value, dict) and "error" in value]
    statuses = [value for value in json_values(output) if isinstance(value, int)]
    assert len(shown) == sum(call.shows_body for call in calls), "each `| jq .` shows one refusal"
    assert len(statuses) == sum(call.shows_status for call in calls)
    table = error_table()
    client = Client()
    for call in calls:
        response = send(client, call, env=env, ids=ids)
        assert response.status_code < 500, response.content
        if call.shows_body:
            documented = shown.pop(0)
            assert response.json() == documented, f"step {number}: {call.method} {call.path}"
            assert response.status_code in table[documented["error"]], documented["error"]
        if call.shows_status:
            assert response.status_code == statuses.pop(0)


def test_the_errors_example_is_the_refusal_of_step_2():
    """The shape shown under ## Errors is (part of) what step 2 answers."""
    section = doc_text().split("## Errors", 1)[1]
    example = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))
    env, ids = draft()
    (call,) = curl_calls(worked_steps()[2][0])
    answer = send(Client(), call, env=env, ids=ids).json()
    assert (example["error"], example["message"]) == (answer["error"], answer["message"])
    for name, messages in example["fields"].items():
        assert answer["fields"][name] == messages, name


def test_the_error_table_gives_each_services_code_its_status():
    table = error_table()
    for code, status in STATUS_FOR_CODE.items():
        assert status in table.get(code, ()), f"docs/api.md error table: `{code}` is {status}"


def test_what_is_refused_before_the_api_has_the_documented_code_and_status(settings):
    """The hardening middleware answers /api/ in the same shape: a body over the limit, an overlong query value."""
    table = error_table()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token(employer_user())}")
    settings.MAX_REQUEST_BYTES = 100
    response = client.post(reverse("api:applications"), "x" * 200, content_type="application/json")
    assert response.json()["error"] == "too_large" and response.status_code == 413 in table["too_large"]
    response = client.get(reverse("api:applications"), {"state": "x" * (settings.MAX_QUERY_VALUE_CHARS + 1)})
    assert response.json()["error"] == "invalid" and response.status_code == 400 in table["invalid"]
    response = client.get("/api/no-such-endpoint")
    assert response.json()["error"] == "not_found" and response.status_code in table["not_found"]
