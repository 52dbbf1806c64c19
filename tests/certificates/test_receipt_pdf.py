"""The receipt (回执) PDF: downloadable by the applicant right after submission, in Chinese and English."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import services
from tests.applications.factories import beihai_draft, nanning_draft, upload_all
from tests.certificates.conftest import pdf_text
from tests.clock import set_now
from tests.factories import employer_user, staff_user

pytestmark = pytest.mark.django_db


def _submitted(monkeypatch, draft=beihai_draft):
    set_now(monkeypatch, "2026-12-04 10:00")
    application = draft()
    by = application.talent if application.is_nanning else application.created_by
    upload_all(application, by)
    return services.application_submit(application=application, by=by, pledge_name="John Smith").receipt


def test_the_applicant_downloads_the_receipt_with_its_number_date_deadline_and_materials(client, monkeypatch):
    receipt = _submitted(monkeypatch)
    client.force_login(receipt.application.created_by)
    response = client.get(reverse("certificates:receipt_pdf", args=[receipt.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert receipt.number in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in (
        "认定申请回执",
        "Acknowledgement of Receipt",
        "BH-R-20261204-0001",
        receipt.application.reference,
        "2026年12月4日",
        "2026年12月11日",  # the acceptance decision is due five working days after receipt
        "2026-12-11",
        "北海市科学技术局",
        "行政许可法",
        "Administrative Licensing Law",
        "护照复印件",
        "passport.pdf",
    ):
        assert expected in text, expected


def test_a_nanning_receipt_says_the_file_went_to_the_employer_and_sets_no_acceptance_date(client, monkeypatch):
    receipt = _submitted(monkeypatch, nanning_draft)
    client.force_login(receipt.application.talent)
    text = pdf_text(client.get(reverse("certificates:receipt_pdf", args=[receipt.pk])).content)
    assert "NN-R-20261204-0001" in text
    assert "组织人才局" in text and "recommendation" in text
    assert "受理决定期限" not in text


def test_the_receipt_is_not_shown_to_anyone_outside_the_file(client, monkeypatch):
    receipt = _submitted(monkeypatch)
    url = reverse("certificates:receipt_pdf", args=[receipt.pk])
    client.force_login(employer_user())
    assert client.get(url).status_code == 404
    client.force_login(staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER))
    assert client.get(url).status_code == 404
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    client.force_login(reviewer)
    assert client.get(url).status_code == 200
    # A staff read of a person's file is recorded in the access log.
    from audit.models import AccessRecord

    assert AccessRecord.objects.filter(user=reviewer, object_id=str(receipt.pk)).exists()


def test_the_application_page_lists_each_receipt_with_its_download(client, monkeypatch):
    receipt = _submitted(monkeypatch)
    client.force_login(receipt.application.created_by)
    page = client.get(reverse("applications:detail", args=[receipt.application.pk])).content.decode()
    assert receipt.number in page
    assert reverse("certificates:receipt_pdf", args=[receipt.pk]) in page
    assert "2026-12-11" in page


def test_the_receipt_of_a_forwarded_nanning_file_names_the_bureau(client, monkeypatch):
    from tests.factories import employer_user

    first = _submitted(monkeypatch, nanning_draft)
    application = first.application
    employer = employer_user(application.organisation)
    receipt = services.application_employer_decide(
        application=application, by=employer, recommend=True, opinion="同意推荐"
    ).receipt
    client.force_login(application.talent)
    text = pdf_text(client.get(reverse("certificates:receipt_pdf", args=[receipt.pk])).content)
    assert receipt.number in text
    assert "单位审核推荐后报送" in text and "自贸试验区南宁片区管委会组织人才局" in text
    assert "Organisation and Talent Bureau" in text
