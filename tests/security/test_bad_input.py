"""Issue 9: NUL bytes, over-long values and hostile JSON are a 400 (or a form error), never a 500.

PostgreSQL refuses NUL in text and values longer than a column, and Python's JSON parser raises
RecursionError / ValueError on deep nesting and huge integers; each probe here was a 500 before.
Run these on PostgreSQL too: DATABASE_URL=postgres://... pytest tests/security/test_bad_input.py
"""

import json

import pytest
from django.test import Client

from accounts import roles
from tests.factories import employer_user, staff_user

pytestmark = pytest.mark.django_db
NUL = "\x00"
LONG = "x" * 30000


def _never_500(response, *allowed):
    assert response.status_code != 500
    assert response.status_code in allowed, response.status_code


@pytest.mark.parametrize(
    "path",
    [
        "/verify/%00abc/",
        "/accounts/invitation/%00abc/",
        "/accounts/verify/%00/",
        "/accounts/password-reset/%00/%00/",
        "/notices/%00/",
        "/" + "a" * 5000 + "/",
    ],
)
def test_nul_or_an_over_long_path_is_400(path):
    _never_500(Client().get(path), 400)


@pytest.mark.parametrize(
    "path",
    ["/notices/?q=%00", "/precheck/?regulation=%00", "/accounts/login/?next=%00", "/?x=" + "y" * 5000],
)
def test_nul_or_an_over_long_query_value_is_400(path):
    _never_500(Client().get(path), 400)


def test_the_staff_console_query_with_nul_is_400():
    client = Client()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    _never_500(client.get("/staff/?q=%00&state=%00"), 400)


@pytest.mark.parametrize(
    "path, data",
    [
        ("/accounts/login/", {"username": f"a{NUL}@example.com", "password": "x"}),
        ("/accounts/login/", {"username": LONG, "password": "x"}),
        ("/accounts/register/talent/", {"full_name": LONG, "email": "j@example.com"}),
        ("/accounts/password-reset/", {"email": f"a{NUL}@example.com"}),
        ("/accounts/register/talent/", {"full_name": f"Jane{NUL}", "email": "j@example.com"}),
        ("/precheck/", {"regulation": f"nanning-ftz-urgent-talent{NUL}"}),
    ],
)
def test_nul_or_an_over_long_form_value_is_400_with_a_message(path, data):
    response = Client().post(path, data, HTTP_ACCEPT_LANGUAGE="en")
    _never_500(response, 400)
    body = response.content.decode()
    assert "NUL" in body or "too long" in body


def test_a_signed_in_form_with_nul_is_refused_not_saved():
    from tests.applications.factories import beihai_draft

    application = beihai_draft(criterion=None)
    client = Client()
    client.force_login(application.created_by)
    response = client.post(
        f"/portal/applications/{application.pk}/edit/", {"criterion": f"BH-1{NUL}", "action": "save"}
    )
    _never_500(response, 400, 404)


@pytest.mark.parametrize(
    "body",
    [
        '{"regulation": "beihai-foreign-talent", "as_of": "2026-01-01", "person": {"document_number": "P1\\u0000"}}',
        '{"regulation": "beihai-foreign-talent", "as_of": "2026-01-01", "employment": {"annual_salary_cny": '
        + "9" * 5000
        + "}}",
        '{"regulation": "beihai-foreign-talent", "as_of": "2026-01-01", "employment": {"contract_years": 1e999}}',
        '{"regulation": "beihai-foreign-talent", "as_of": "2026-01-01", "employment": {"contract_years": NaN}}',
        "[" * 100000 + "]" * 100000,
        '{"a":' * 50 + "1" + "}" * 50,
        b"\xff\xfe\x00",
        '{"regulation": "' + "r" * 300000 + '"}',
    ],
    ids=["nul", "huge-int", "huge-float", "nan", "deep-list", "deep-object", "not-utf8", "too-big"],
)
def test_hostile_json_is_400_with_an_error(body):
    response = Client().post("/api/eligibility", data=body, content_type="application/json")
    _never_500(response, 400)
    assert response.json()["error"]


def test_a_form_post_to_the_json_api_is_415_in_the_api_error_shape():
    response = Client().post("/api/eligibility", {"regulation": "x"})
    _never_500(response, 415)
    assert set(response.json()) == {"error", "message", "fields"}


def test_too_many_files_in_one_request_is_400():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applications.factories import PDF_BYTES, beihai_draft

    application = beihai_draft(criterion=None)
    client = Client()
    client.force_login(application.created_by)
    files = {f"material-x{n}": SimpleUploadedFile(f"{n}.pdf", PDF_BYTES) for n in range(40)}
    response = client.post(f"/portal/applications/{application.pk}/edit/", {"action": "save", **files})
    _never_500(response, 400)
    assert not application.materials.exists()


def test_a_material_code_not_required_by_the_application_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applications.factories import PDF_BYTES, beihai_draft

    application = beihai_draft(criterion=None)
    client = Client()
    client.force_login(application.created_by)
    response = client.post(
        f"/portal/applications/{application.pk}/edit/",
        {"action": "save", "material-" + "z" * 200: SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )
    _never_500(response, 200)
    assert not application.materials.exists()


def test_the_json_api_still_answers_good_input():
    from tests.regulations.facts import nanning

    response = Client().post("/api/eligibility", data=json.dumps(nanning()), content_type="application/json")
    assert response.status_code == 200 and "eligible" in response.json()


def test_signed_in_employer_invite_with_nul_is_400():
    client = Client()
    client.force_login(employer_user())
    _never_500(client.post("/accounts/invite/", {"email": f"b{NUL}@example.com"}), 400)


@pytest.mark.parametrize("cookie", [f"sessionid=abcdefgh{NUL}ijk", "sessionid=" + "a" * 5000])
def test_a_malformed_session_cookie_is_no_session_not_a_500(cookie):
    client = Client()
    assert client.get("/portal/", HTTP_COOKIE=cookie).status_code == 302  # to the login page
    response = client.post("/accounts/login/", {"username": "a@example.com", "password": "x"}, HTTP_COOKIE=cookie)
    _never_500(response, 200)


def test_a_value_the_database_refuses_is_a_400_page_not_a_500():
    from unittest import mock

    from django.db import DataError

    data = {"full_name": "J", "email": "j@example.com", "phone": "", "password1": "Blue-Ocean-551"}
    data["password2"] = data["password1"]
    with mock.patch("accounts.services.talent_register", side_effect=DataError("value too long")):
        response = Client().post("/accounts/register/talent/", data, HTTP_ACCEPT_LANGUAGE="en")
    _never_500(response, 400)
    assert "too long or badly formatted" in response.content.decode()
