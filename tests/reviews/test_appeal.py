"""Beihai Art. 13(3): written re-review request within 5 working days; joint re-review; answer within 15 days."""

import datetime
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from accounts import roles
from applications import states as s
from applications.services import TransitionRefused
from reviews import appeals
from reviews.models import APPEAL_OVERTURNED, APPEAL_UPHELD, Appeal
from tests.factories import employer_user, staff_user
from tests.reviews.factories import department_user, make_application

pytestmark = pytest.mark.django_db

RESULT_DAY = datetime.date(2026, 9, 28)  # Monday; the window runs over National Day


def _refused(result_on=RESULT_DAY):
    return make_application(state=s.REFUSED, result_notified_on=result_on)


def _on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_window_is_five_working_days_counted_with_the_calendar():
    application = _refused()
    # 29, 30 September; 1-7 October are holidays; 8, 9 and Saturday 10 October (调休) → 10 October.
    assert appeals.appeal_window(application).on == datetime.date(2026, 10, 10)
    employer = employer_user(application.organisation)
    with _on(datetime.date(2026, 10, 10)):
        assert appeals.appeal_refusal(application, employer) is None
    with _on(datetime.date(2026, 10, 11)):
        assert appeals.appeal_refusal(application, employer).code == "window"


def test_server_refuses_an_appeal_after_the_window_even_if_posted():
    application = _refused()
    client = Client()
    client.force_login(employer_user(application.organisation))
    with _on(datetime.date(2026, 10, 12)):
        response = client.post(reverse("reviews:appeal_file", args=[application.pk]), {"grounds": "我们不服"})
    assert response.status_code == 400
    assert not Appeal.objects.exists()


def test_only_the_employer_files_and_only_once():
    application = _refused()
    with _on(RESULT_DAY), pytest.raises(TransitionRefused):
        appeals.appeal_file(application=application, by=employer_user(), grounds="不服")
    employer = employer_user(application.organisation)
    with _on(RESULT_DAY):
        appeal = appeals.appeal_file(application=application, by=employer, grounds="该外籍人才持有A类许可")
        with pytest.raises(TransitionRefused):
            appeals.appeal_file(application=application, by=employer, grounds="再次")
    # Answer within 15 days: 28 September + 15 = 13 October, a working day.
    assert appeal.due_on == datetime.date(2026, 10, 13)
    application.refresh_from_db()
    assert application.state == s.REFUSED  # the original result stays in force meanwhile


def test_joint_re_review_overturns_and_the_certificate_is_issued():
    application = _refused(result_on=datetime.date.today())
    employer = employer_user(application.organisation)
    appeal = appeals.appeal_file(application=application, by=employer, grounds="该外籍人才持有A类许可")
    approver = staff_user(roles.BEIHAI_SCITECH_APPROVER)

    with pytest.raises(TransitionRefused) as refused:
        appeals.appeal_decide(appeal=appeal, by=approver, outcome=APPEAL_OVERTURNED, answer="撤销")
    assert refused.value.code == "condition"  # the two departments have not given their opinion yet

    with pytest.raises(TransitionRefused):
        appeals.appeal_opinion_give(appeal=appeal, by=department_user("beihai-health"), opinion=APPEAL_UPHELD)
    for code in ("beihai-public-security", "beihai-approval-bureau"):
        appeals.appeal_opinion_give(appeal=appeal, by=department_user(code), opinion=APPEAL_OVERTURNED)

    with pytest.raises(TransitionRefused):
        appeals.appeal_decide(
            appeal=appeal, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER), outcome="overturned", answer="x"
        )
    appeals.appeal_decide(appeal=appeal, by=approver, outcome=APPEAL_OVERTURNED, answer="经联合复核，撤销原结果")
    application.refresh_from_db()
    appeal.refresh_from_db()
    assert appeal.status == APPEAL_OVERTURNED and appeal.decided_by == approver
    assert application.state == s.CERTIFIED
    assert list(application.transition_logs.values_list("transition", flat=True)) == [
        s.T_OVERTURN_ON_APPEAL,
        s.T_ISSUE_CERTIFICATE,
    ]


def test_upheld_appeal_leaves_the_refusal():
    application = _refused(result_on=datetime.date.today())
    appeal = appeals.appeal_file(application=application, by=employer_user(application.organisation), grounds="不服")
    for code in ("beihai-public-security", "beihai-approval-bureau"):
        appeals.appeal_opinion_give(appeal=appeal, by=department_user(code), opinion=APPEAL_UPHELD)
    appeals.appeal_decide(
        appeal=appeal, by=staff_user(roles.BEIHAI_SCITECH_APPROVER), outcome=APPEAL_UPHELD, answer="维持"
    )
    application.refresh_from_db()
    assert application.state == s.REFUSED


def _panel(application, user):
    return Template("{% load reviews_portal %}{% applicant_review_panel application user %}").render(
        Context({"application": application, "user": user})
    )


def test_applicant_panel_shows_the_appeal_button_only_within_the_window():
    application = _refused()
    employer = employer_user(application.organisation)
    link = reverse("reviews:appeal_file", args=[application.pk])
    with _on(datetime.date(2026, 10, 8)):
        assert link in _panel(application, employer)
    with _on(datetime.date(2026, 10, 12)):
        assert link not in _panel(application, employer)
    with _on(datetime.date(2026, 10, 8)):
        appeals.appeal_file(application=application, by=employer, grounds="不服")
        html = _panel(application, employer)
    assert link not in html and "复核中" in html


def test_applicant_panel_shows_the_nanning_notice_window():
    application = make_application(
        "nanning-ftz-urgent-talent",
        s.PUBLIC_NOTICE,
        notice_starts_on=datetime.date(2026, 11, 2),
        notice_ends_on=datetime.date(2026, 11, 9),
    )
    html = _panel(application, application.talent)
    assert "2026-11-02" in html and "2026-11-09" in html


def test_the_console_offers_a_department_its_opinion_form_until_it_has_given_one_and_names_who_still_owes():
    application = _refused(result_on=datetime.date.today())
    appeal = appeals.appeal_file(
        application=application, by=employer_user(application.organisation), grounds="该外籍人才持有A类许可"
    )
    police = department_user("beihai-public-security")
    client = Client()
    client.force_login(police)
    url = reverse("reviews:application", args=[application.pk])
    [panel] = client.get(url).context["appeal_panels"]
    assert panel["can_opine"] and "公安局" in panel["missing"]

    appeals.appeal_opinion_give(appeal=appeal, by=police, opinion=APPEAL_UPHELD)
    [panel] = client.get(url).context["appeal_panels"]
    assert not panel["can_opine"]
    assert "公安局" not in panel["missing"] and "行政审批局" in panel["missing"]
