"""A certified talent and the employer see what the recognition gives (Beihai Art. 6-12 and 附件3; Nanning
Art. 10): the office, hours, phone and what to bring, in both languages, on the portal and the verify page."""

import pytest
from django.urls import reverse
from django.utils import translation

from applications import states as s
from applications.models import Application
from benefits.selectors import benefits_for, benefits_for_certificate
from certificates.services import certificate_issue
from regulations.codes import BEIHAI, NANNING
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application

pytestmark = pytest.mark.django_db


def _codes(benefits):
    return [benefit.code for benefit in benefits]


def test_beihai_gives_the_six_services_of_articles_6_to_12():
    assert _codes(benefits_for(regulation_code=BEIHAI)) == [
        "work-residence-one-window",
        "priority-medical-service",
        "children-enrolment",
        "performance-tickets",
        "research-projects",
        "talent-programmes",
    ]


def test_nanning_talent_card_is_for_tier_i_only():
    # Art. 10: 其中I类人才报自治区人力资源社会保障厅、商务厅（自贸办）备案，…发放“广西自贸人才卡”
    assert "ftz-talent-card" in _codes(benefits_for(regulation_code=NANNING, tier="I"))
    assert "ftz-talent-card" not in _codes(benefits_for(regulation_code=NANNING, tier="II"))
    assert "ftz-talent-card" not in _codes(benefits_for(regulation_code=NANNING, tier="III"))
    assert "housing-subsidy" in _codes(benefits_for(regulation_code=NANNING, tier="III"))


def test_each_benefit_says_where_to_go_and_what_to_bring_in_both_languages():
    for code in (BEIHAI, NANNING):
        for benefit in benefits_for(regulation_code=code, tier="I"):
            with translation.override("en"):
                assert benefit.office_display and benefit.bring, benefit.code
                for text in (
                    benefit.office_display,
                    benefit.address_display,
                    benefit.hours_display,
                    benefit.phone_display,
                ):
                    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), (benefit.code, text)
            with translation.override("zh-hans"):
                assert benefit.office_display == benefit.office and benefit.bring == benefit.bring_zh


def test_the_verify_page_lists_the_benefits_of_a_valid_certificate(client):
    certificate = certificate_issue(application=recognised_application(), by=beihai_issuer())
    response = client.get(reverse("certificates:verify", args=[certificate.verify_token]), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert 'data-benefit="work-residence-one-window"' in body
    assert "Valid passport; the Beihai foreign high-end talent certificate" in body
    assert "0779-2020070" in body


def test_benefits_stop_with_the_recognition(client):
    # Beihai 附件1: 凭此认定书可从…至…享受相关优惠政策 — a revoked or expired recognition gives nothing.
    certificate = certificate_issue(application=recognised_application(), by=beihai_issuer())
    assert benefits_for_certificate(certificate)
    for state in (s.REVOKED, s.EXPIRED):
        Application.objects.filter(pk=certificate.application_id).update(state=state)  # tests only
        certificate.application.refresh_from_db()
        assert benefits_for_certificate(certificate) == []
        body = client.get(reverse("certificates:verify", args=[certificate.verify_token])).content.decode()
        assert "data-benefit=" not in body


def test_the_talent_sees_the_tier_i_card_on_the_portal(client):
    application = nanning_application(tier="I")
    certificate_issue(application=application, by=nanning_issuer())
    client.force_login(application.talent)
    body = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'data-benefit="ftz-talent-card"' in body
    assert 'data-benefit="housing-subsidy"' in body


def test_the_employer_of_a_tier_ii_talent_sees_no_talent_card(client):
    application = nanning_application(tier="II")
    certificate_issue(application=application, by=nanning_issuer())
    client.force_login(application.created_by)
    body = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'data-benefit="housing-subsidy"' in body
    assert 'data-benefit="ftz-talent-card"' not in body


def test_no_benefits_before_the_certificate_issues(client):
    application = recognised_application()
    client.force_login(application.created_by)
    body = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "data-benefit=" not in body
