"""Fraud found during review.

Beihai Art. 13: “（一）用人单位在认定过程中有违法违规骗取人才认定行为的，将纳入诚信管理……（二）外籍人员在认定过程中
弄虚作假的，将纳入诚信管理，永久取消认定资格……” Nanning Art. 12: “（一）提供虚假证明材料骗取认定层次的……因前款
第（一）（二）（三）项情形被取消认定类别的，不再受理其急需紧缺人才认定申请。”

The refusal can disqualify the person and (Beihai) record the employer's credit; the console shows what each
box will do before it is ticked, and never ticks it for the reviewer.
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.models import CreditRecord
from applications import states as s
from regulations.codes import NANNING
from regulations.models import Disqualification
from regulations.policies.vocabularies import MisconductReason
from regulations.selectors import disqualification_for
from reviews import services
from reviews.models import FraudFinding
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def test_the_console_previews_the_consequences_and_ticks_nothing():
    application = make_application(state=s.SUBMITTED)
    client = Client()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    body = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    assert "将被取消认定资格" in body and application.document_number in body
    assert "将记入诚信档案" in body and application.organisation.credit_code in body
    for name in ("refuse-disqualify_person", "refuse-employer_credit_record"):
        tag = body[body.index(f'name="{name}"') - 200 : body.index(f'name="{name}"') + 200]
        assert "checked" not in tag


def test_a_beihai_refusal_for_fraud_bars_the_person_and_records_the_employer():
    application = make_application(state=s.SUBMITTED)
    client = Client()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    response = client.post(
        reverse("reviews:act", args=[application.pk, s.T_REFUSE]),
        {
            "refuse-reason": "工作许可证系伪造",
            "refuse-fraud_code": MisconductReason.BEIHAI_FRAUD,
            "refuse-disqualify_person": "on",
            "refuse-employer_credit_record": "on",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == s.REFUSED
    finding = FraudFinding.objects.get(application=application)
    assert finding.disqualification.document_number == application.document_number
    assert finding.credit_record.organisation == application.organisation
    assert disqualification_for(
        regulation_code=application.regulation_code, document_number=application.document_number
    )


def test_a_plain_refusal_records_no_consequence():
    application = make_application(state=s.SUBMITTED)
    services.review_refuse(application=application, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER), reason="材料不全")
    assert not FraudFinding.objects.exists()
    assert not Disqualification.objects.exists() and not CreditRecord.objects.exists()


def test_a_fraud_box_without_the_kind_of_fraud_is_shown_again_with_what_was_typed():
    application = make_application(state=s.SUBMITTED)
    client = Client()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    response = client.post(
        reverse("reviews:act", args=[application.pk, s.T_REFUSE]),
        {"refuse-reason": "护照信息与系统不符", "refuse-disqualify_person": "on"},
    )
    assert response.status_code == 400
    assert "请选择弄虚作假的情形" in response.content.decode()
    assert "护照信息与系统不符" in response.content.decode()
    application.refresh_from_db()
    assert application.state == s.SUBMITTED


def test_nanning_false_materials_bar_the_person_but_the_measures_know_no_employer_credit_record():
    application = make_application(NANNING, s.RECOMMENDED)
    reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    with pytest.raises(services.ReviewRefused):
        services.review_refuse(
            application=application,
            by=reviewer,
            reason="学位证书系伪造",
            fraud_code=MisconductReason.FALSE_MATERIALS,
            employer_credit_record=True,
        )
    services.review_refuse(
        application=application,
        by=reviewer,
        reason="学位证书系伪造",
        fraud_code=MisconductReason.FALSE_MATERIALS,
        disqualify_person=True,
    )
    assert disqualification_for(regulation_code=NANNING, document_number=application.document_number)
    assert not CreditRecord.objects.exists()
