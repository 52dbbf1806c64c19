"""Revocation: Beihai fraud (Art. 13(1)(2)) and Nanning Art. 12 reasons (1)-(4); Tier I filing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.models import CreditRecord
from applications import states as s
from applications.services import TransitionRefused
from regulations.codes import NANNING
from regulations.models import Disqualification
from regulations.policies.vocabularies import MisconductReason
from reviews import services
from reviews.models import TierOneFiling
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def test_beihai_fraud_disqualifies_the_person_and_records_the_employer():
    application = make_application(state=s.CERTIFIED)
    approver = staff_user(roles.BEIHAI_SCITECH_APPROVER)
    with pytest.raises(TransitionRefused):
        services.revocation_record(
            application=application, by=approver, reason_code=MisconductReason.FALSE_MATERIALS, reason="x"
        )
    revocation = services.revocation_record(
        application=application,
        by=approver,
        reason_code=MisconductReason.BEIHAI_FRAUD,
        reason="工作许可证系伪造",
        disqualify_person=True,
        employer_credit_record=True,
    )
    application.refresh_from_db()
    assert application.state == s.REVOKED
    assert revocation.disqualification.document_number == application.document_number
    assert CreditRecord.objects.get().organisation == application.organisation
    assert application.transition_logs.get().reason == "工作许可证系伪造"


@pytest.mark.parametrize(
    ("reason_code", "barred"),
    [
        (MisconductReason.FALSE_MATERIALS, True),
        (MisconductReason.ILLEGAL_ACTS, True),
        (MisconductReason.ACADEMIC_FRAUD, True),
        (MisconductReason.STOPPED_WORKING, False),
    ],
)
def test_nanning_reasons_one_to_three_bar_new_applications(reason_code, barred):
    application = make_application(NANNING, s.CERTIFIED)
    services.revocation_record(
        application=application, by=staff_user(roles.NANNING_COMMITTEE_APPROVER), reason_code=reason_code, reason="事由"
    )
    assert Disqualification.objects.filter(document_number=application.document_number).exists() is barred
    assert not CreditRecord.objects.exists()


def test_revocation_through_the_console_requires_a_reason():
    application = make_application(NANNING, s.CERTIFIED)
    client = Client()
    client.force_login(staff_user(roles.NANNING_COMMITTEE_APPROVER))
    url = reverse("reviews:act", args=[application.pk, s.T_REVOKE])
    response = client.post(url, {"revoke-reason_code": MisconductReason.FALSE_MATERIALS, "revoke-reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"revoke-reason_code": MisconductReason.FALSE_MATERIALS, "revoke-reason": "学历造假"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == s.REVOKED and application.revocation.reason_code == MisconductReason.FALSE_MATERIALS


def test_tier_one_filing_and_talent_card_are_recorded():
    application = make_application(NANNING, s.CERTIFIED, criterion_code="NN-I-2")
    assert application.tier == "I"
    client = Client()
    client.force_login(staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER))
    url = reverse("reviews:tier_one_filing", args=[application.pk])
    response = client.post(url, {"hrss_filed_on": "2026-11-20", "hrss_reference": ""})
    assert response.status_code == 400  # a date without its reference number
    response = client.post(
        url,
        {
            "hrss_filed_on": "2026-11-20",
            "hrss_reference": "桂人社备〔2026〕12号",
            "commerce_filed_on": "2026-11-21",
            "commerce_reference": "桂商自贸备〔2026〕3号",
            "talent_card_issued_on": "2026-11-21",
            "talent_card_number": "GXFTZ-2026-0001",
        },
    )
    assert response.status_code == 302
    filing = TierOneFiling.objects.get(application=application)
    assert filing.is_complete and filing.hrss_filed_on == datetime.date(2026, 11, 20)
    assert filing.history.count() == 1

    tier_two = make_application(NANNING, s.CERTIFIED, criterion_code="NN-II-3")
    assert client.post(reverse("reviews:tier_one_filing", args=[tier_two.pk]), {}).status_code in (400, 403)
    assert not TierOneFiling.objects.filter(application=tier_two).exists()
