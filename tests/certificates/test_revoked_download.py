"""A revoked recognition's certificate is never handed out clean: every page says it is revoked, in both
languages, whoever downloads it (Beihai Art. 13; Nanning Art. 12)."""

import pytest
from django.urls import reverse

from certificates.services import certificate_issue
from regulations.policies.vocabularies import MisconductReason
from reviews.services import revocation_record
from tests.certificates.conftest import pdf_text
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


def _download(client, user, certificate):
    client.force_login(user)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    return pdf_text(content)


def test_a_revoked_certificate_downloads_marked_revoked_in_both_languages(client):
    approver = beihai_issuer()
    certificate = certificate_issue(application=recognised_application(), by=approver)
    employer = employer_user(certificate.application.organisation)

    valid_text = _download(client, employer, certificate)
    assert "REVOKED" not in valid_text and "已撤销" not in valid_text

    revocation_record(
        application=certificate.application,
        by=approver,
        reason_code=MisconductReason.BEIHAI_FRAUD,
        reason="提供虚假工作许可证。",
        disqualify_person=True,
    )
    for user in (employer, approver):
        text = _download(client, user, certificate)
        assert "已撤销" in text and "REVOKED" in text, user
        assert certificate.number in text  # still recognisably the same certificate
    response = client.get(reverse("certificates:download_for_application", args=[certificate.application.pk]))
    assert "revoked" in response["Content-Disposition"]
