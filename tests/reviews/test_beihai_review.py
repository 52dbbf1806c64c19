"""Beihai Art. 5: preliminary review, consultation of the departments, approval and certificate."""

import pytest

from accounts import roles
from applications import states as s
from applications.services import TransitionRefused
from reviews import services
from reviews.models import Consultation
from tests.factories import staff_user
from tests.reviews.factories import department, department_user, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return staff_user(roles.BEIHAI_SCITECH_REVIEWER)


@pytest.fixture
def approver():
    return staff_user(roles.BEIHAI_SCITECH_APPROVER)


def test_a_beihai_file_from_submission_to_certificate(reviewer, approver):
    application = make_application()
    history_before = application.history.count()

    services.review_accept(application=application, by=reviewer, departments=[department("beihai-health")])
    assert application.state == s.CONSULTATION
    assert set(application.consultations.values_list("department__code", flat=True)) == {
        "beihai-approval-bureau",
        "beihai-public-security",
        "beihai-health",
    }
    assert application.accepted_on is not None and (application.due_on or application.due_unknown_reason)

    # Finishing before every department has answered names the missing condition, not a missing permission.
    with pytest.raises(TransitionRefused) as refused:
        services.review_finish_consultation(application=application, by=reviewer)
    assert refused.value.code == "condition"

    for code in ("beihai-approval-bureau", "beihai-public-security", "beihai-health"):
        consultation = application.consultations.get(department__code=code)
        services.consultation_answer(
            consultation=consultation, by=department_user(code), opinion="agree", comment="无异议"
        )

    services.review_finish_consultation(application=application, by=reviewer, comment="各部门均同意")
    assert application.state == s.AWAITING_DECISION

    services.decision_approve(application=application, by=approver, comment="同意认定")
    application.refresh_from_db()
    assert application.state == s.CERTIFIED
    assert application.result_notified_on is not None

    logs = list(application.transition_logs.values_list("transition", "from_state", "to_state"))
    assert logs == [
        (s.T_ACCEPT, s.SUBMITTED, s.CONSULTATION),
        (s.T_FINISH_CONSULTATION, s.CONSULTATION, s.AWAITING_DECISION),
        (s.T_APPROVE, s.AWAITING_DECISION, s.RECOGNISED),
        (s.T_ISSUE_CERTIFICATE, s.RECOGNISED, s.CERTIFIED),
    ]
    by = list(application.transition_logs.values_list("by", flat=True))
    assert by == [reviewer.pk, reviewer.pk, approver.pk, approver.pk]
    states_in_history = set(application.history.values_list("state", flat=True))
    assert {s.SUBMITTED, s.CONSULTATION, s.AWAITING_DECISION, s.RECOGNISED, s.CERTIFIED} <= states_in_history
    assert application.history.count() > history_before
    assert Consultation.history.filter(answered_at__isnull=False).count() == 3
    assert application.certificates.exists()


def test_only_the_consulted_department_answers_and_only_once(reviewer):
    application = make_application()
    services.review_accept(application=application, by=reviewer)
    consultation = application.consultations.get(department__code="beihai-public-security")

    with pytest.raises(TransitionRefused):
        services.consultation_answer(
            consultation=consultation, by=department_user("beihai-approval-bureau"), opinion="agree"
        )
    with pytest.raises(TransitionRefused):
        services.consultation_answer(consultation=consultation, by=reviewer, opinion="agree")

    police = department_user("beihai-public-security")
    with pytest.raises(TransitionRefused) as refused:
        services.consultation_answer(consultation=consultation, by=police, opinion="disagree", comment=" ")
    assert refused.value.code == "reason_required"

    services.consultation_answer(consultation=consultation, by=police, opinion="disagree", comment="有违法记录")
    consultation.refresh_from_db()
    assert consultation.opinion == "disagree" and consultation.answered_by == police
    with pytest.raises(TransitionRefused) as refused:
        services.consultation_answer(consultation=consultation, by=police, opinion="agree")
    assert refused.value.code == "conflict"


def test_a_refusal_records_its_reasons_and_the_result_date(reviewer):
    application = make_application()
    with pytest.raises(TransitionRefused):
        services.review_refuse(application=application, by=reviewer, reason="")
    services.review_refuse(application=application, by=reviewer, reason="不符合第二条任一条件")
    application.refresh_from_db()
    assert application.state == s.REFUSED
    assert application.result_notified_on is not None
    log = application.transition_logs.get()
    assert log.reason == "不符合第二条任一条件" and log.by == reviewer


def test_accept_needs_every_required_material(reviewer):
    application = make_application(materials=False)
    with pytest.raises(TransitionRefused) as refused:
        services.review_accept(application=application, by=reviewer)
    assert refused.value.code == "condition"
    assert not application.consultations.exists()
