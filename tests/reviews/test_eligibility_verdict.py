"""The staff page shows the engine's verdict on the facts the applicant gave, beside the criterion claimed."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import roles
from applications import states as s
from regulations.codes import BEIHAI
from reviews.selectors import eligibility_verdict
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def test_an_a_class_permit_from_beihai_matches_bh1():
    application = make_application(
        BEIHAI, s.SUBMITTED, facts={"work_permit_class": "A", "work_permit_issued_by_beihai": True}
    )
    application.organisation.in_beihai = True
    application.organisation.save()
    verdict = eligibility_verdict(application)
    assert "error" not in verdict
    assert verdict["eligible"] is True
    assert verdict["matched"] == ["BH-1"]


def test_a_b_class_permit_without_recommendation_matches_nothing():
    application = make_application(
        BEIHAI, s.SUBMITTED, facts={"work_permit_class": "B", "work_permit_issued_by_beihai": True}
    )
    verdict = eligibility_verdict(application)
    assert verdict["eligible"] is False
    assert verdict["matched"] == []


def test_the_console_page_shows_the_verdict_not_a_facts_error(client):
    application = make_application(
        BEIHAI, s.SUBMITTED, facts={"work_permit_class": "A", "work_permit_issued_by_beihai": True}
    )
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    with translation.override("en"):
        page = client.get(reverse("reviews:application", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "BH-1" in text
    assert "unknown key" not in text
