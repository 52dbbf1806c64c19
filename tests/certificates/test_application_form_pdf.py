import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import Department
from applications import states as s
from applications.models import TransitionLog
from tests.certificates.conftest import pdf_text
from tests.certificates.factories import nanning_application, recognised_application
from tests.factories import employer_user, staff_user

pytestmark = pytest.mark.django_db


def _log(application, transition, comment="", reason="", visible_to_applicant=True):
    TransitionLog.objects.create(
        visible_to_applicant=visible_to_applicant,
        application=application,
        transition=transition,
        from_state="x",
        to_state="y",
        comment=comment,
        reason=reason,
        by=staff_user(roles.BEIHAI_SCITECH_REVIEWER, full_name="张经办"),
        at=timezone.now(),
    )


def _consulted(application, comment):
    department = Department.objects.get(code="beihai-public-security")
    application.consultations.create(
        department=department,
        requested_by=staff_user(roles.BEIHAI_SCITECH_REVIEWER),
        opinion="agree",
        comment=comment,
        answered_at=timezone.now(),
    )


def test_beihai_form_prints_the_fields_and_the_opinions_so_far(client):
    application = recognised_application(state=s.CERTIFIED, pledge_name="John Smith")
    _log(application, s.T_ACCEPT, comment="材料齐全，初审通过。")
    _log(application, s.T_APPROVE, comment="同意认定。")
    client.force_login(employer_user(application.organisation))
    response = client.get(reverse("certificates:application_form_pdf", args=[application.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in [
        "北海市外籍“高精尖缺”人才认定申请表",
        application.full_name.split()[0],
        "E12345678",
        "材料齐全，初审通过。",
        "同意认定。",
        "张经办",
        application.organisation.name,
    ]:
        assert expected in text, expected


def test_the_consulted_departments_internal_opinions_are_on_the_staff_copy_only(client):
    application = recognised_application(state=s.CERTIFIED, pledge_name="John Smith")
    _consulted(application, "该人员无违法犯罪记录。")
    url = reverse("certificates:application_form_pdf", args=[application.pk])
    client.force_login(employer_user(application.organisation))
    applicant_copy = pdf_text(client.get(url).content)
    assert "该人员无违法犯罪记录。" not in applicant_copy and "北海市公安局" not in applicant_copy
    assert application.full_name.split()[0] in applicant_copy
    client.force_login(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    staff_copy = pdf_text(client.get(url).content)
    assert "该人员无违法犯罪记录。" in staff_copy and "北海市公安局" in staff_copy


def test_log_entries_kept_from_the_applicant_are_not_on_the_applicant_copy(client):
    application = recognised_application(state=s.CERTIFIED, pledge_name="John Smith")
    _log(application, s.T_APPROVE, comment="同意认定。", visible_to_applicant=False)
    url = reverse("certificates:application_form_pdf", args=[application.pk])
    client.force_login(employer_user(application.organisation))
    assert "同意认定。" not in pdf_text(client.get(url).content)
    client.force_login(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    assert "同意认定。" in pdf_text(client.get(url).content)


def test_nanning_form_prints_the_employer_recommendation(client):
    application = nanning_application(tier="II", education_and_work_history="2008-2012 广西大学 本科")
    _log(application, s.T_EMPLOYER_RECOMMEND, comment="该同志表现突出，同意推荐为Ⅱ类人才。")
    client.force_login(application.talent)
    text = pdf_text(client.get(reverse("certificates:application_form_pdf", args=[application.pk])).content)
    assert "急需紧缺人才认定申请表" in text
    assert "该同志表现突出，同意推荐为Ⅱ类人才。" in text
    assert "2008-2012 广西大学 本科" in text
    assert "公示结果" in text


def test_a_refusal_reason_is_printed(client):
    application = recognised_application(state=s.REFUSED)
    _log(application, s.T_REFUSE, reason="工作许可证非北海市行政审批局颁发。")
    client.force_login(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    text = pdf_text(client.get(reverse("certificates:application_form_pdf", args=[application.pk])).content)
    assert "工作许可证非北海市行政审批局颁发。" in text
