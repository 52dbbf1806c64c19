"""Staff typing a reason or an answer never lose it: a refused panel form is shown again as it was typed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications import states as s
from regulations.codes import NANNING
from reviews import appeals, notices
from reviews.models import Appeal, Objection
from tests.factories import employer_user, staff_user
from tests.reviews.factories import department_user, make_application

pytestmark = pytest.mark.django_db


def _objection():
    today = timezone.localdate()
    application = make_application(
        NANNING, s.PUBLIC_NOTICE, notice_starts_on=today, notice_ends_on=today + datetime.timedelta(days=7)
    )
    notices.objection_file(application=application, name="王五", contact="13800000000", reason="学历存疑")
    return application, Objection.objects.get(application=application)


def test_an_objection_decision_without_a_conclusion_keeps_the_typed_reason(client):
    application, objection = _objection()
    client.force_login(staff_user(roles.NANNING_COMMITTEE_APPROVER))
    url = reverse("reviews:objection_decide", args=[objection.pk])
    response = client.post(url, {f"ob{objection.pk}-reason": "已向学校核实，学位证书真实有效"})
    assert response.status_code == 400
    assert "已向学校核实，学位证书真实有效" in response.content.decode()
    objection.refresh_from_db()
    assert objection.decision == ""


def test_an_objection_is_decided_through_its_own_form(client):
    application, objection = _objection()
    client.force_login(staff_user(roles.NANNING_COMMITTEE_APPROVER))
    url = reverse("reviews:objection_decide", args=[objection.pk])
    response = client.post(url, {f"ob{objection.pk}-decision": "dismissed", f"ob{objection.pk}-reason": "核实无误"})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.decision, objection.decision_reason) == ("dismissed", "核实无误")


def test_an_appeal_answer_without_a_conclusion_is_shown_again(client):
    application = make_application(state=s.REFUSED, result_notified_on=timezone.localdate())
    appeal = appeals.appeal_file(
        application=application, by=employer_user(application.organisation), grounds="申请人持有A类工作许可证"
    )
    for code in ("beihai-public-security", "beihai-approval-bureau"):
        appeals.appeal_opinion_give(appeal=appeal, by=department_user(code), opinion="overturned", comment="")
    client.force_login(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    response = client.post(
        reverse("reviews:appeal_decide", args=[appeal.pk]), {f"ad{appeal.pk}-answer": "经联合复核，撤销原结果"}
    )
    assert response.status_code == 400
    assert "经联合复核，撤销原结果" in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).is_pending
