import pytest
from django.urls import reverse

from applications import states as s
from certificates.models import ChildEnrolmentRequest
from tests.certificates.conftest import pdf_text
from tests.certificates.factories import nanning_application, recognised_application
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


def _post_data(**overrides):
    data = {
        "parent_name": "John Smith",
        "parent_sex": "M",
        "parent_passport": "E12345678",
        "employer_name": "北海测试科技有限公司",
        "position": "首席工程师",
        "phone": "13800000000",
        "handler_phone": "0779-1234567",
        "employer_address": "北海市海城区北部湾中路1号",
        "home_address": "北海市银海区金海岸大道8号",
        "children-TOTAL_FORMS": "2",
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "0",
        "children-MAX_NUM_FORMS": "6",
        "children-0-name": "Emma Smith 史爱玛",
        "children-0-sex": "F",
        "children-0-birth_month": "2016-09",
        "children-0-previous_school": "伦敦某小学 三年级",
        "children-0-requested_school": "北海市第一实验学校 四年级",
    }
    data.update(overrides)
    return data


@pytest.fixture
def certified():
    return recognised_application(state=s.CERTIFIED)


def test_the_form_is_prefilled_from_the_application(client, certified):
    client.force_login(employer_user(certified.organisation))
    response = client.get(reverse("certificates:child_enrolment", args=[certified.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert certified.document_number in body and certified.organisation.name in body


def test_saved_children_print_on_the_annex_3_form(client, certified):
    client.force_login(employer_user(certified.organisation))
    url = reverse("certificates:child_enrolment", args=[certified.pk])
    assert client.post(url, _post_data()).status_code == 302
    request = ChildEnrolmentRequest.objects.get(application=certified)
    assert [child.name for child in request.children.all()] == ["Emma Smith 史爱玛"]
    assert request.history.count() == 1
    response = client.get(reverse("certificates:child_enrolment_pdf", args=[certified.pk]))
    text = "".join(pdf_text(response.content).split())  # table cells wrap
    for expected in ["子女入学优待服务申请表", "EmmaSmith史爱玛", "北海市第一实验学校四年级", "2016年9月", "E12345678"]:
        assert expected in text, expected


def test_bad_input_is_explained_and_nothing_is_lost(client, certified):
    client.force_login(employer_user(certified.organisation))
    url = reverse("certificates:child_enrolment", args=[certified.pk])
    response = client.post(url, _post_data(**{"children-0-birth_month": "not a month", "home_address": ""}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Emma Smith 史爱玛" in body and "error-summary" in body
    assert not ChildEnrolmentRequest.objects.exists()


def test_at_least_one_child_is_needed(client, certified):
    client.force_login(employer_user(certified.organisation))
    data = _post_data(**{f"children-0-{field}": "" for field in ["name", "sex", "birth_month", "requested_school"]})
    data["children-0-previous_school"] = ""
    response = client.post(reverse("certificates:child_enrolment", args=[certified.pk]), data)
    assert response.status_code == 200 and not ChildEnrolmentRequest.objects.exists()


def test_not_available_before_certification_or_for_nanning(client):
    for application in [recognised_application(), nanning_application()]:
        client.force_login(employer_user(application.organisation))
        assert client.get(reverse("certificates:child_enrolment", args=[application.pk])).status_code == 404


def test_other_employers_get_404(client, certified):
    client.force_login(employer_user())
    assert client.get(reverse("certificates:child_enrolment", args=[certified.pk])).status_code == 404
