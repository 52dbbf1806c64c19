"""Nanning Art. 7(四): “经公示无异议或异议不影响认定的，予以认定” — an objection may be founded and still not affect the
recognition; that outcome lets the notice close with a recognition, an upheld objection does not."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from applications import states as s
from regulations.codes import NANNING
from regulations.policies.vocabularies import ObjectionDecision
from reviews import notices
from reviews.models import Objection
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def _objected(**fields):
    ended = datetime.date.today() - datetime.timedelta(days=1)
    application = make_application(
        NANNING, s.PUBLIC_NOTICE, notice_starts_on=ended - datetime.timedelta(days=7), notice_ends_on=ended, **fields
    )
    objection = Objection.objects.create(application=application, name="张三", contact="13900000000", reason="工龄不足")
    return application, objection


def test_an_objection_that_does_not_affect_the_recognition_lets_the_notice_close():
    application, objection = _objected()
    committee = staff_user(roles.NANNING_COMMITTEE_APPROVER)
    assert not application.notice_period_over_without_upheld_objection()
    notices.objection_decide(
        objection=objection,
        by=committee,
        decision=ObjectionDecision.NOT_AFFECTING,
        reason="工龄计算有误，但不影响认定条件",
    )
    application.refresh_from_db()
    assert application.notice_period_over_without_upheld_objection()
    notices.notice_close(application=application, by=committee)
    application.refresh_from_db()
    assert application.state == s.RECOGNISED


def test_the_committee_chooses_the_outcome_on_the_console():
    application, objection = _objected()
    client = Client()
    client.force_login(staff_user(roles.NANNING_COMMITTEE_APPROVER))
    page = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    assert "异议属实但不影响认定" in page
    response = client.post(
        reverse("reviews:objection_decide", args=[objection.pk]),
        {f"ob{objection.pk}-decision": ObjectionDecision.NOT_AFFECTING, f"ob{objection.pk}-reason": "核实"},
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.decision == ObjectionDecision.NOT_AFFECTING


def test_tier_one_filings_pending_are_listed_for_the_bureau():
    recognised = make_application(NANNING, s.CERTIFIED, criterion_code="NN-I-2")
    tier_two = make_application(NANNING, s.CERTIFIED)
    client = Client()
    client.force_login(staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER))
    body = client.get(reverse("reviews:tier_one_filings")).content.decode()
    assert recognised.reference in body
    assert tier_two.reference not in body
