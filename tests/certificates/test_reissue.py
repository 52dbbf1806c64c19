import pytest

from applications import states as s
from certificates.models import Certificate
from certificates.selectors import current_certificate
from certificates.services import CertificateRefused, certificate_issue, certificate_reissue
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(application=recognised_application(), by=beihai_issuer())


def test_a_correction_is_a_new_version_with_the_same_number(certificate, stored_pdf_text):
    application = certificate.application
    application.full_name = "John Smith-Corrected"
    application.save()
    new = certificate_reissue(certificate=certificate, by=beihai_issuer(), reason="姓名拼写更正")
    assert (new.number, new.version, new.supersedes) == (certificate.number, 2, certificate)
    assert new.verify_token != certificate.verify_token
    assert new.pdf_sha256 != certificate.pdf_sha256
    assert new.valid_from == certificate.valid_from
    assert current_certificate(application) == new
    assert "John Smith-Corrected" in stored_pdf_text(new)
    application.refresh_from_db()
    assert application.state == s.CERTIFIED


def test_the_old_file_is_kept(certificate):
    certificate_reissue(certificate=certificate, by=beihai_issuer(), reason="补发")
    certificate.refresh_from_db()
    assert certificate.pdf.storage.exists(certificate.pdf.name)


def test_a_reason_is_required(certificate):
    with pytest.raises(CertificateRefused) as refused:
        certificate_reissue(certificate=certificate, by=beihai_issuer(), reason="  ")
    assert refused.value.code == "reason_required"


def test_only_the_issuing_body_may_reissue(certificate):
    with pytest.raises(CertificateRefused) as refused:
        certificate_reissue(certificate=certificate, by=employer_user(certificate.application.organisation), reason="x")
    assert refused.value.code == "forbidden"
    assert Certificate.objects.count() == 1


def test_only_the_newest_version_can_be_reissued(certificate):
    issuer = beihai_issuer()
    certificate_reissue(certificate=certificate, by=issuer, reason="第一次更正")
    with pytest.raises(CertificateRefused) as refused:
        certificate_reissue(certificate=certificate, by=issuer, reason="再次更正旧版本")
    assert refused.value.code == "not_current"
