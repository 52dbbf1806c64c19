"""Identity data: nationality from the ISO list (codes stored, names translated), passport numbers of the right
shape, Chinese ID numbers with a correct GB 11643 check digit; invalid data never reaches a certificate."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import identity
from applications import services
from applications import states as s
from applications.forms import ApplicationForm
from tests.applications.factories import beihai_draft, nanning_draft, upload_all

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("11010519491231002X", True),  # the standard's own example
        ("450102199003011235", True),
        ("450102199003011234", False),  # check digit off by one
        ("450102199002301235", False),  # 30 February
        ("45010219900301123", False),  # 17 characters
    ],
)
def test_chinese_id_numbers_are_checked_by_gb_11643(number, valid):
    assert (identity.id_number_problem(number) is None) is valid


def test_typing_a_country_name_is_refused_and_the_code_from_the_list_is_stored(client):
    application = beihai_draft(criterion=None)
    client.force_login(application.created_by)
    url = reverse("applications:edit", args=[application.pk])
    response = client.post(url, {"nationality": "Germany", "action": "save"})
    assert "请从列表中选择国籍" in response.content.decode()
    application.refresh_from_db()
    assert application.nationality == "GB"  # the earlier valid value stays; "GE" (Georgia) never appears
    client.post(url, {"nationality": "DE", "action": "save"})
    application.refresh_from_db()
    assert application.nationality == "DE"
    page = client.get(url).content.decode()
    assert '<option value="DE" selected>德国</option>' in page
    assert '<option value="TW">中国台湾</option>' in page


def test_the_picker_reads_in_english_with_the_same_codes():
    application = beihai_draft(criterion=None)
    with translation.override("en"):
        html = str(ApplicationForm(application=application)["nationality"])
    assert '<option value="DE">Germany</option>' in html and '<option value="GB" selected>United Kingdom' in html


def test_a_malformed_passport_number_is_refused_in_the_form():
    application = beihai_draft(criterion=None)
    form = ApplicationForm({"document_type": "passport", "document_number": "E12#45"}, application=application)
    assert not form.is_valid()
    assert "document_number" in form.errors


def test_an_id_number_that_contradicts_the_birth_date_is_refused():
    application = nanning_draft(criterion=None)
    data = {
        "document_type": "id_card",
        "document_number": "450102199003011235",
        "birth_date": "1991-03-01",
        "nationality": "CN",
    }
    form = ApplicationForm(data, application=application)
    assert not form.is_valid()
    assert "出生日期" in form.errors["document_number"][0]


def test_the_service_refuses_to_submit_a_wrong_check_digit_that_bypassed_the_form():
    application = nanning_draft()
    services.application_save_draft(
        application=application, fields={"document_number": "450102199003011234"}, facts={}, by=application.talent
    )
    upload_all(application, application.talent)
    with pytest.raises(services.PortalRefused) as refused:
        services.application_submit(application=application, by=application.talent, pledge_name="李明")
    assert any("校验位" in line for line in refused.value.messages)
    application.refresh_from_db()
    assert application.state == s.DRAFT


def test_no_certificate_is_issued_for_an_invalid_id_number():
    from accounts import roles
    from certificates.services import CertificateRefused, certificate_issue
    from regulations.codes import NANNING
    from tests.factories import staff_user
    from tests.reviews.factories import make_application

    application = make_application(NANNING, s.RECOGNISED, document_number="450103198504021231")
    committee = staff_user(roles.NANNING_COMMITTEE_APPROVER)
    with pytest.raises(CertificateRefused) as refused:
        certificate_issue(application=application, by=committee)
    assert refused.value.code == "identity_invalid"
    application.refresh_from_db()
    assert application.state == s.RECOGNISED and not application.certificates.exists()
