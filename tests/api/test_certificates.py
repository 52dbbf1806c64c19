"""Certificates through the API (metadata and the PDF, for those who may see the file) and public verification."""

import hashlib

import pytest
from django.urls import reverse

from accounts import roles
from certificates.services import certificate_issue
from tests.api.conftest import assert_error
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import employer_user, staff_user, talent_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(application=recognised_application(talent=talent_user()), by=beihai_issuer())


def test_the_employer_reads_the_metadata_and_downloads_the_pdf(api, certificate):
    client = api(employer_user(certificate.application.organisation))
    listed = client.get(reverse("api:certificates"), application=certificate.application_id).json()
    assert [row["number"] for row in listed["results"]] == [certificate.number]
    body = client.get(reverse("api:certificate", args=[certificate.pk])).json()
    assert body["status"] == "valid" and body["valid_until"] == certificate.valid_until.isoformat()
    response = client.get(body["pdf"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == certificate.pdf_sha256 == body["pdf_sha256"]


def test_the_talent_and_the_bureau_see_it_too(api, certificate):
    for user in (certificate.application.talent, staff_user(roles.BEIHAI_SCITECH_REVIEWER)):
        assert api(user).get(reverse("api:certificate", args=[certificate.pk])).status_code == 200


@pytest.mark.parametrize("who", ["other employer", "other talent", "nanning staff"])
def test_anyone_else_gets_404(api, certificate, who):
    user = {
        "other employer": employer_user,
        "other talent": talent_user,
        "nanning staff": lambda: staff_user(roles.NANNING_COMMITTEE_APPROVER),
    }[who]()
    client = api(user)
    assert_error(client.get(reverse("api:certificate", args=[certificate.pk])), 404, "not_found")
    assert_error(client.get(reverse("api:certificate-pdf", args=[certificate.pk])), 404, "not_found")
    assert client.get(reverse("api:certificates")).json()["count"] == 0


def test_verification_is_public_and_masks_the_document(api, certificate):
    holder = api(employer_user(certificate.application.organisation))
    verify = holder.get(reverse("api:certificate", args=[certificate.pk])).json()["verify"]
    assert verify == reverse("api:verify", args=[certificate.verify_token])
    response = api().get(verify)
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == certificate.number and body["status"] == "valid"
    assert certificate.document_number not in response.content.decode()
    assert body["document_number_masked"].startswith(certificate.document_number[:2])
    assert response["X-Robots-Tag"] == "noindex"


def test_verification_follows_the_application(api, certificate):
    from regulations.policies.vocabularies import MisconductReason
    from reviews.services import revocation_record

    revocation_record(
        application=certificate.application,
        by=staff_user(roles.BEIHAI_SCITECH_APPROVER),
        reason_code=MisconductReason.BEIHAI_FRAUD,
        reason="伪造学历证明",
        disqualify_person=True,
    )
    body = api(language="en").get(reverse("api:verify", args=[certificate.verify_token])).json()
    assert body["status"] == "revoked" and body["status_label"] == "Revoked"


def test_an_unknown_token_is_404_in_the_one_shape(api):
    assert_error(api().get(reverse("api:verify", args=["nope"])), 404, "not_found")
