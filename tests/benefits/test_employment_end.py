"""Nanning Art. 11 ¶2: 急需紧缺人才与其所在单位工作合同期满后未续签且不在自贸试验区南宁片区就业的，或在认定有效期内
辞职、工作调离自贸试验区南宁片区的，不再享受相关人才政策相关待遇。 The employer reports it; benefits stop from that
day; the talent bureau and the talent are told."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications.services import PortalRefused
from benefits.models import EmploymentEnd
from benefits.selectors import benefits_for_certificate
from benefits.services import employment_end_report
from certificates.services import certificate_issue
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application
from tests.factories import employer_user, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(application=nanning_application(tier="II"), by=nanning_issuer())


def test_benefits_stop_from_the_reported_day(certificate, django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    application = certificate.application
    day = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        employment_end_report(
            application=application, reason=EmploymentEnd.Reason.LEFT_ZONE, effective_on=day, by=application.created_by
        )
    assert benefits_for_certificate(certificate, today=day - datetime.timedelta(days=1))
    assert benefits_for_certificate(certificate, today=day) == []
    told = {address for message in mail.outbox for address in message.to}
    assert reviewer.email in told and application.talent.email in told
    assert all(application.reference in message.subject for message in mail.outbox)


def test_the_portal_form_records_it_and_the_panel_says_so(client, certificate):
    application = certificate.application
    client.force_login(application.created_by)
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert reverse("benefits:employment_end", args=[application.pk]) in detail
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("benefits:employment_end", args=[application.pk]),
        {"reason": "resigned", "effective_on": today, "note": "", "confirm": "on"},
    )
    assert response.status_code == 302
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'data-employment-end="resigned"' in detail
    assert "data-benefit=" not in detail
    # The public verify page stops listing benefits too, without saying why (no personal data there).
    verify = client.get(reverse("certificates:verify", args=[certificate.verify_token])).content.decode()
    assert "data-benefit=" not in verify and "data-employment-end" not in verify


def test_the_form_keeps_what_was_typed_when_the_date_is_outside_the_validity(client, certificate):
    application = certificate.application
    client.force_login(application.created_by)
    before = (certificate.valid_from - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("benefits:employment_end", args=[application.pk]),
        {"reason": "left-zone", "effective_on": before, "note": "调往上海", "confirm": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "调往上海" in body and before in body
    assert not EmploymentEnd.objects.exists()


def test_confirmation_is_required(client, certificate):
    client.force_login(certificate.application.created_by)
    response = client.post(
        reverse("benefits:employment_end", args=[certificate.application.pk]),
        {"reason": "resigned", "effective_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert not EmploymentEnd.objects.exists()


def test_only_the_employer_holding_the_recognition_reports(certificate):
    application = certificate.application
    for user in (application.talent, employer_user(), staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)):
        with pytest.raises(PortalRefused):
            employment_end_report(
                application=application, reason="resigned", effective_on=timezone.localdate(), by=user
            )


def test_another_employer_gets_404(client, certificate):
    client.force_login(employer_user())
    response = client.get(reverse("benefits:employment_end", args=[certificate.application.pk]))
    assert response.status_code == 404


def test_reported_once(certificate):
    application = certificate.application
    employment_end_report(
        application=application, reason="resigned", effective_on=timezone.localdate(), by=application.created_by
    )
    with pytest.raises(PortalRefused):
        employment_end_report(
            application=application, reason="left-zone", effective_on=timezone.localdate(), by=application.created_by
        )


def test_not_for_beihai_whose_validity_follows_the_work_permit():
    application = recognised_application()
    certificate_issue(application=application, by=beihai_issuer())
    with pytest.raises(PortalRefused):
        employment_end_report(
            application=application, reason="resigned", effective_on=timezone.localdate(), by=application.created_by
        )
