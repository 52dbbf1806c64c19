import datetime

import pytest
from django.utils import timezone
from pypdf import PdfReader

from applications import states as s
from certificates.models import Certificate
from certificates.services import CertificateRefused, certificate_issue
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


def _text(certificate):
    with certificate.pdf.open("rb") as handle:
        return "".join(page.extract_text() for page in PdfReader(handle).pages)


def test_beihai_certificate_is_valid_from_issue_to_permit_expiry():
    application = recognised_application()
    certificate = certificate_issue(application=application, by=beihai_issuer())

    application.refresh_from_db()
    assert application.state == s.CERTIFIED
    assert application.transition_logs.filter(transition=s.T_ISSUE_CERTIFICATE).count() == 1
    today = timezone.localdate()
    assert certificate.number == f"BH-{today.year}-00001"
    assert (certificate.valid_from, certificate.valid_until) == (today, application.permit_valid_until)
    assert certificate.holder_name == application.full_name


def test_pdf_is_stored_with_its_sha256():
    import hashlib

    certificate = certificate_issue(application=recognised_application(), by=beihai_issuer())
    with certificate.pdf.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == certificate.pdf_sha256
    assert certificate.pdf_size == len(content)
    assert certificate.number in _text(certificate)


@pytest.mark.parametrize(("tier", "years"), [("I", 5), ("II", 3), ("III", 3)])
def test_nanning_validity_by_tier_counts_from_recognition(tier, years):
    recognised_at = timezone.now() - datetime.timedelta(days=10)
    application = nanning_application(tier=tier, recognised_at=recognised_at)
    certificate = certificate_issue(application=application, by=nanning_issuer())
    start = timezone.localdate(recognised_at)
    assert certificate.tier == tier
    assert certificate.valid_from == start
    assert certificate.valid_until == start.replace(year=start.year + years) - datetime.timedelta(days=1)
    assert certificate.number.startswith(f"NN-{timezone.localdate().year}-")


def test_beihai_without_a_valid_permit_is_refused_and_nothing_changes():
    application = recognised_application(permit_valid_until=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(CertificateRefused) as refused:
        certificate_issue(application=application, by=beihai_issuer())
    assert refused.value.code == "permit_expired"
    application.refresh_from_db()
    assert application.state == s.RECOGNISED
    assert not Certificate.objects.exists()


def test_only_the_issuing_body_may_issue():
    application = recognised_application()
    with pytest.raises(CertificateRefused.__mro__[1]) as refused:
        certificate_issue(application=application, by=employer_user(application.organisation))
    assert refused.value.code == "forbidden"
    assert not Certificate.objects.exists()


def test_an_application_not_yet_recognised_gets_no_certificate():
    application = recognised_application(state=s.AWAITING_DECISION)
    with pytest.raises(CertificateRefused.__mro__[1]) as refused:
        certificate_issue(application=application, by=beihai_issuer())
    assert refused.value.code == "wrong_state"


def test_issuing_twice_is_refused():
    application = recognised_application()
    issuer = beihai_issuer()
    certificate_issue(application=application, by=issuer)
    with pytest.raises(CertificateRefused.__mro__[1]):
        certificate_issue(application=application, by=issuer)
    assert Certificate.objects.count() == 1


def test_every_change_is_in_the_history():
    certificate = certificate_issue(application=recognised_application(), by=beihai_issuer())
    assert certificate.history.count() == 1
