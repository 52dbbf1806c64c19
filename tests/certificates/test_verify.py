import datetime

import pytest
from django.urls import reverse

from applications.models import Application
from certificates.selectors import certificate_status, mask_document_number
from certificates.services import certificate_issue, certificate_reissue
from tests.certificates.factories import beihai_issuer, recognised_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(application=recognised_application(document_number="E12345678"), by=beihai_issuer())


def _force_state(application, state):
    # Tests only: the revocation and expiry workflows belong to the reviews app.
    Application.objects.filter(pk=application.pk).update(state=state)
    application.refresh_from_db()


def test_tokens_are_long_and_random(certificate):
    other = certificate_issue(application=recognised_application(), by=beihai_issuer())
    assert len(certificate.verify_token) >= 40
    assert certificate.verify_token != other.verify_token


def test_a_valid_certificate_shows_the_holder_and_a_masked_document_number(client, certificate):
    response = client.get(reverse("certificates:verify", args=[certificate.verify_token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="valid"' in body
    assert certificate.holder_name in body
    assert "E12345678" not in body
    assert mask_document_number("E12345678") in body


def test_an_unknown_token_reveals_nothing(client, certificate):
    response = client.get(reverse("certificates:verify", args=["not-a-real-token"]))
    body = response.content.decode()
    assert response.status_code == 404
    assert 'data-status="unknown"' in body
    assert certificate.holder_name not in body and certificate.number not in body


def test_revoked_when_the_application_is_revoked(certificate):
    _force_state(certificate.application, "revoked")
    assert certificate_status(certificate) == "revoked"


def test_expired_after_valid_until(certificate):
    assert certificate_status(certificate, today=certificate.valid_until) == "valid"
    assert certificate_status(certificate, today=certificate.valid_until + datetime.timedelta(days=1)) == "expired"


def test_expired_when_the_application_expired(certificate):
    _force_state(certificate.application, "expired")
    assert certificate_status(certificate) == "expired"


def test_superseded_by_a_newer_version(client, certificate):
    new = certificate_reissue(certificate=certificate, by=beihai_issuer(), reason="护照换发")
    assert certificate_status(certificate) == "superseded"
    assert certificate_status(new) == "valid"
    response = client.get(reverse("certificates:verify", args=[certificate.verify_token]))
    assert 'data-status="superseded"' in response.content.decode()


def test_superseded_when_the_application_is_superseded(certificate):
    _force_state(certificate.application, "superseded")
    assert certificate_status(certificate) == "superseded"


def test_english_page(client, certificate):
    response = client.get(reverse("certificates:verify", args=[certificate.verify_token]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Certificate verification" in response.content.decode()


@pytest.mark.parametrize("number", ["", "AB", "E1234", "450103199001011234"])
def test_masking_never_shows_the_whole_number(number):
    masked = mask_document_number(number)
    assert len(masked) == len(number)
    assert masked.count("*") >= len(number) // 2 or len(number) == 0
