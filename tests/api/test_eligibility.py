"""POST /api/eligibility: the same engine as JSON; 400 {"error", "key"} for bad input, never 500."""

import json

import pytest
from django.urls import reverse

from tests.regulations.facts import beihai, nanning

pytestmark = pytest.mark.django_db
URL = "/api/eligibility"


def post(client, body, **headers):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **headers)


def test_url_name():
    assert reverse("api:eligibility") == URL


def test_eligible_answer(client):
    response = post(client, beihai(**{"person.r_visa": {"valid_until": "2027-06-30"}}))
    assert response.status_code == 200
    answer = response.json()
    assert answer["eligible"] is True and answer["best"] == "BH-2" and answer["valid_until"] == "2027-06-30"


def test_language_follows_the_request(client):
    facts = nanning(**{"person.highest_degree": "master"})
    zh = post(client, facts, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    en = post(client, facts, HTTP_ACCEPT_LANGUAGE="en").json()
    assert zh["matched"] == en["matched"] == ["NN-III-1"]
    assert zh["reasons"] != en["reasons"]
    assert any("years old" in line for line in en["reasons"])


def test_csrf_is_not_required():
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), nanning())
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body, key",
    [
        (b"\xff\xfe", None),
        ("{", None),
        ("[1, 2]", None),
        ("null", None),
        (nanning(extra=1), "extra"),
        (nanning(**{"employment.contract_years": True}), "employment.contract_years"),
        (
            nanning(**{"employment.directory_enterprise": {"left_on": None}}),
            "employment.directory_enterprise.joined_on",
        ),
        (nanning(**{"person.foreign_a_class_items": [7]}), "person.foreign_a_class_items[0]"),
        (nanning(**{"person.nationality": "GBR"}), "person.nationality"),
        (nanning(**{"employment.annual_salary_cny": -1}), "employment.annual_salary_cny"),
        (nanning(**{"employment.annual_salary_cny": 1.5}), "employment.annual_salary_cny"),
        ({"as_of": "2026-01-01"}, "regulation"),
    ],
)
def test_bad_input_is_400_with_the_key(client, body, key):
    response = post(client, body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["key"] == key
    assert payload["error"]


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405
