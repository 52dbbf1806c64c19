"""Issue 9: the public eligibility API must not reveal who is on the fraud register (Disqualification).

Probe that failed: POST /api/eligibility with a document number answered "已被取消认定资格" for a listed
passport and eligible for any other, to anyone.
"""

import json

import pytest
from django.test import Client

from accounts import roles
from regulations.models import Disqualification
from tests.factories import employer_user, staff_user
from tests.regulations.facts import beihai

pytestmark = pytest.mark.django_db
URL = "/api/eligibility"
PERMIT = {"class": "A", "issued_by_beihai": True, "valid_until": "2028-01-01"}


@pytest.fixture
def listed():
    Disqualification.objects.create(
        regulation_code="beihai-foreign-talent", document_number="P1234567", reason_code="beihai-fraud"
    )
    return "P1234567"


def _ask(client, number):
    facts = beihai(**{"person.work_permit": PERMIT, "person.document_number": number})
    return client.post(URL, data=json.dumps(facts), content_type="application/json")


@pytest.mark.parametrize("who", ["anonymous", "employer"])
def test_a_listed_and_an_unlisted_number_get_the_same_answer(listed, who):
    client = Client()
    if who == "employer":
        client.force_login(employer_user())
    on_register, not_on_register = _ask(client, listed), _ask(client, "P7654321")
    assert on_register.status_code == not_on_register.status_code == 200
    assert on_register.json() == not_on_register.json()
    assert on_register.json()["eligible"] is True


def test_staff_asking_the_api_do_see_the_register(listed):
    client = Client()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert _ask(client, listed).json()["eligible"] is False
    assert _ask(client, "P7654321").json()["eligible"] is True
