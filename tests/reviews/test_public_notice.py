"""Nanning Art. 7: 7-day public notice, objections verified and decided, the closing job."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications import states as s
from applications.services import TransitionRefused
from regulations.codes import NANNING
from reviews import notices, services
from reviews.models import DISMISSED, UPHELD, Objection
from reviews.tasks import close_public_notices
from tests.factories import staff_user
from tests.reviews.factories import TINY_PDF, make_application

pytestmark = pytest.mark.django_db


def _under_notice(ends_on, **fields):
    return make_application(
        NANNING,
        s.PUBLIC_NOTICE,
        notice_starts_on=ends_on - datetime.timedelta(days=7),
        notice_ends_on=ends_on,
        **fields,
    )


def test_committee_approval_opens_a_seven_calendar_day_notice():
    application = make_application(NANNING, s.AWAITING_DECISION)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 11, 2)):
        services.decision_approve(application=application, by=staff_user(roles.NANNING_COMMITTEE_APPROVER))
    application.refresh_from_db()
    assert application.state == s.PUBLIC_NOTICE
    assert application.notice_starts_on == datetime.date(2026, 11, 2)
    # Monday 2 November + 7 days = Monday 9 November (the start day does not count).
    assert application.notice_ends_on == datetime.date(2026, 11, 9)


def test_notice_ending_on_a_holiday_runs_to_the_next_working_day():
    application = make_application(NANNING, s.AWAITING_DECISION)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 9, 28)):
        services.decision_approve(application=application, by=staff_user(roles.NANNING_COMMITTEE_APPROVER))
    application.refresh_from_db()
    # 28 September + 7 days = 5 October, inside the National Day holiday: the notice runs to 8 October.
    assert application.notice_ends_on == datetime.date(2026, 10, 8)


def test_the_job_closes_notices_on_time_and_twice_is_harmless():
    today = timezone.localdate()
    ending_today = _under_notice(today)
    ended_yesterday = _under_notice(today - datetime.timedelta(days=1))

    out = StringIO()
    call_command("close_public_notices", stdout=out)
    ended_yesterday.refresh_from_db()
    ending_today.refresh_from_db()
    assert ended_yesterday.state == s.RECOGNISED
    assert ending_today.state == s.PUBLIC_NOTICE  # the last day of the notice is still a notice day
    assert ended_yesterday.reference in out.getvalue()
    log = ended_yesterday.transition_logs.get()
    assert log.transition == s.T_CLOSE_NOTICE and log.by is None and log.by_role == "system"

    assert close_public_notices() == []  # the Celery task: running again changes nothing
    assert ended_yesterday.transition_logs.count() == 1

    with mock.patch("django.utils.timezone.localdate", return_value=today + datetime.timedelta(days=1)):
        assert close_public_notices.delay().get() == [ending_today.reference]


def test_a_pending_or_upheld_objection_keeps_the_notice_open_and_a_dismissed_one_does_not():
    application = _under_notice(timezone.localdate() - datetime.timedelta(days=1))
    objection = Objection.objects.create(application=application, name="王五", contact="139", reason="学历不实")
    assert notices.notices_close_due() == []
    committee = staff_user(roles.NANNING_COMMITTEE_APPROVER)
    with pytest.raises(TransitionRefused) as refused:
        notices.notice_close(application=application, by=committee)
    assert refused.value.code == "condition"

    notices.objection_decide(objection=objection, by=committee, decision=DISMISSED, reason="经核实学历属实")
    assert notices.notices_close_due() == [application.reference]


def test_an_upheld_objection_refuses_the_candidate():
    application = _under_notice(timezone.localdate() + datetime.timedelta(days=3))
    objection = Objection.objects.create(application=application, name="王五", contact="139", reason="学历不实")
    with pytest.raises(TransitionRefused):
        notices.objection_decide(
            objection=objection, by=staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER), decision=UPHELD, reason="x"
        )
    committee = staff_user(roles.NANNING_COMMITTEE_APPROVER)
    with pytest.raises(TransitionRefused):
        notices.objection_decide(objection=objection, by=committee, decision=UPHELD, reason=" ")
    notices.objection_decide(objection=objection, by=committee, decision=UPHELD, reason="学位证书系伪造")
    application.refresh_from_db()
    assert application.state == s.REFUSED
    assert application.transition_logs.get().transition == s.T_REFUSE_AFTER_OBJECTION
    assert Objection.history.filter(decision=UPHELD).exists()


def test_public_page_lists_candidates_with_masked_id():
    shown = _under_notice(timezone.localdate() + datetime.timedelta(days=2), document_number="450103199001011234")
    make_application(NANNING, s.AWAITING_DECISION, full_name="不公示的人")
    response = Client().get(reverse("reviews:notices"))
    body = response.content.decode()
    assert response.status_code == 200
    assert shown.full_name in body and shown.organisation.name in body
    assert "450103199001011234" not in body and "45**************34" in body
    assert "不公示的人" not in body


def test_anyone_may_object_with_evidence_and_csrf_is_enforced():
    application = _under_notice(timezone.localdate() + datetime.timedelta(days=2))
    client = Client(enforce_csrf_checks=True)
    url = reverse("reviews:objection_file", args=[application.pk])
    assert client.post(url, {"name": "王五", "contact": "139", "reason": "x"}).status_code == 403

    page = client.get(url)
    token = page.cookies["csrftoken"].value
    bad = client.post(url, {"csrfmiddlewaretoken": token, "name": "", "contact": "", "reason": ""})
    assert bad.status_code == 400 and not Objection.objects.exists()

    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    bad_file = client.post(
        url, {"csrfmiddlewaretoken": token, "name": "王五", "contact": "139", "reason": "学历不实", "evidence": fake}
    )
    assert bad_file.status_code == 400 and "学历不实" in bad_file.content.decode()

    evidence = SimpleUploadedFile("证明.pdf", TINY_PDF, content_type="application/octet-stream")
    good = client.post(
        url,
        {"csrfmiddlewaretoken": token, "name": "王五", "contact": "139", "reason": "学历不实", "evidence": evidence},
    )
    assert good.status_code == 200
    objection = Objection.objects.get()
    assert objection.evidence_name == "证明.pdf" and objection.evidence_content_type == "application/pdf"
    assert objection.decision == ""

    staff = Client()
    staff.force_login(staff_user(roles.NANNING_COMMITTEE_APPROVER))
    evidence_response = staff.get(reverse("reviews:objection_evidence", args=[objection.pk]) + "?inline=1")
    assert evidence_response.status_code == 200
    assert b"".join(evidence_response.streaming_content) == TINY_PDF


def test_no_objection_outside_the_notice():
    application = make_application(NANNING, s.RECOGNISED)
    assert Client().get(reverse("reviews:objection_file", args=[application.pk])).status_code == 404
    with pytest.raises(TransitionRefused):
        notices.objection_file(application=application, name="a", contact="b", reason="c")
