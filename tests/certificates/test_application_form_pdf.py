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


def _log(application, transition, comment="", reason=""):
    TransitionLog.objects.create(
        application=application,
        transition=transition,
        from_state="x",
        to_state="y",
        comment=comment,
        reason=reason,
        by=staff_user(roles.BEIHAI_SCITECH_REVIEWER, full_name="张经办"),
        at=timezone.now(),
    )


def test_beihai_form_prints_the_fields_and_the_opinions_so_far(client):
    application = recognised_application(state=s.CERTIFIED, pledge_name="John Smith")
    _log(application, s.T_ACCEPT, comment="材料齐全，初审通过。")
    _log(application, s.T_APPROVE, comment="同意认定。")
    consultation_model = getattr(application, "consultations", None)
    if consultation_model is not None:
        department = Department.objects.filter(city="beihai").first()
        application.consultations.create(
            department=department,
            requested_by=staff_user(roles.BEIHAI_SCITECH_REVIEWER),
            opinion="agree",
            comment="无违法记录。",
            answered_at=timezone.now(),
        )
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
    if consultation_model is not None:
        assert "无违法记录。" in text


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
