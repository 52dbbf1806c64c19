import hashlib

import pytest
from django.urls import reverse

from accounts import roles
from certificates.services import certificate_issue
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import employer_user, staff_user, talent_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    talent = talent_user()
    return certificate_issue(application=recognised_application(talent=talent), by=beihai_issuer())


def _download_urls(certificate):
    return [
        reverse("certificates:download", args=[certificate.pk]),
        reverse("certificates:download_for_application", args=[certificate.application.pk]),
    ]


def _allowed(certificate):
    application = certificate.application
    return {
        "employer": employer_user(application.organisation),
        "talent": application.talent,
        "beihai reviewer": staff_user(roles.BEIHAI_SCITECH_REVIEWER),
        "beihai public security, consulted on it": _public_security(consulted_on=application),
    }


def _public_security(consulted_on=None):
    from tests.reviews.factories import consult, department_user

    user = department_user("beihai-public-security")
    if consulted_on is not None:
        consult(consulted_on, "beihai-public-security", answered=True)
    return user


def _denied(certificate):
    return {
        "other employer": employer_user(),
        "other talent": talent_user(),
        "nanning staff": staff_user(roles.NANNING_COMMITTEE_APPROVER),
        "beihai public security, not consulted": _public_security(),
    }


def test_the_stored_file_is_streamed_to_those_entitled(client, certificate):
    for label, user in _allowed(certificate).items():
        client.force_login(user)
        for url in _download_urls(certificate):
            response = client.get(url)
            assert response.status_code == 200, (label, url)
            content = b"".join(response.streaming_content)
            assert hashlib.sha256(content).hexdigest() == certificate.pdf_sha256
            assert response["Content-Type"] == "application/pdf"


def test_everyone_else_gets_404(client, certificate):
    for label, user in _denied(certificate).items():
        client.force_login(user)
        for url in _download_urls(certificate) + [
            reverse("certificates:application_form_pdf", args=[certificate.application.pk])
        ]:
            assert client.get(url).status_code == 404, (label, url)


def test_anonymous_users_are_sent_to_log_in(client, certificate):
    for url in _download_urls(certificate):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_ids_are_404(client, certificate):
    client.force_login(certificate.application.talent)
    assert client.get(reverse("certificates:download", args=[999999])).status_code == 404
    assert client.get(reverse("certificates:download_for_application", args=[999999])).status_code == 404


def test_no_certificate_yet_is_404(client):
    application = recognised_application()
    client.force_login(employer_user(application.organisation))
    assert client.get(reverse("certificates:download_for_application", args=[application.pk])).status_code == 404
