"""An objection (Nanning Art. 7) and an appeal (Beihai Art. 13(3)) are decided once: a second decision, even
from a page opened before the first was taken, is refused ("conflict") and the first one stands."""

import datetime

import pytest

from accounts import roles
from applications import states as s
from applications.services import TransitionRefused
from regulations.codes import NANNING
from reviews import appeals, notices
from reviews.models import APPEAL_OVERTURNED, APPEAL_UPHELD, DISMISSED, UPHELD, Appeal, Objection
from tests.factories import employer_user, staff_user
from tests.reviews.factories import department_user, make_application

pytestmark = pytest.mark.django_db


def _second_refused(decide, message: str, **kwargs):
    """The second decision, taken on a row read before the first (the one argument that is a row), is refused
    as a conflict with `message`; the row as it now stands."""
    stale = next(value for value in kwargs.values() if isinstance(value, Objection | Appeal))
    with pytest.raises(TransitionRefused) as refused:
        decide(**kwargs)
    assert (refused.value.code, refused.value.message) == ("conflict", message)
    stale.refresh_from_db()
    return stale


def test_an_objection_is_decided_once_and_the_first_decision_stands():
    today = datetime.date.today()
    application = make_application(
        NANNING, s.PUBLIC_NOTICE, notice_starts_on=today, notice_ends_on=today + datetime.timedelta(days=7)
    )
    objection = Objection.objects.create(application=application, name="王五", contact="139", reason="学历不实")
    stale = Objection.objects.get(pk=objection.pk)  # a second committee member's page, opened before
    first, second = staff_user(roles.NANNING_COMMITTEE_APPROVER), staff_user(roles.NANNING_COMMITTEE_APPROVER)

    decided = notices.objection_decide(objection=objection, by=first, decision=DISMISSED, reason="经核实学历属实")
    assert (decided.decision, decided.decision_reason, decided.decided_by) == (DISMISSED, "经核实学历属实", first)
    assert decided.decided_at is not None and not decided.is_pending

    objection = _second_refused(
        notices.objection_decide, "该异议已经处理过。", objection=stale, by=second, decision=UPHELD, reason="伪造"
    )
    assert (objection.decision, objection.decided_by) == (DISMISSED, first)
    application.refresh_from_db()
    assert application.state == s.PUBLIC_NOTICE and not application.transition_logs.exists()


def test_an_appeal_is_answered_once_and_the_first_answer_stands():
    application = make_application(state=s.REFUSED, result_notified_on=datetime.date.today())
    appeal = appeals.appeal_file(application=application, by=employer_user(application.organisation), grounds="不服")
    for code in ("beihai-public-security", "beihai-approval-bureau"):
        appeals.appeal_opinion_give(appeal=appeal, by=department_user(code), opinion=APPEAL_UPHELD)
    stale = Appeal.objects.get(pk=appeal.pk)
    first, second = staff_user(roles.BEIHAI_SCITECH_APPROVER), staff_user(roles.BEIHAI_SCITECH_APPROVER)

    answered = appeals.appeal_decide(appeal=appeal, by=first, outcome=APPEAL_UPHELD, answer="维持原结果")
    assert (answered.status, answered.answer, answered.decided_by) == (APPEAL_UPHELD, "维持原结果", first)
    assert answered.decided_at is not None

    appeal = _second_refused(
        appeals.appeal_decide, "该复核已经答复。", appeal=stale, by=second, outcome=APPEAL_OVERTURNED, answer="撤销"
    )
    assert (appeal.status, appeal.decided_by) == (APPEAL_UPHELD, first)
    application.refresh_from_db()
    assert application.state == s.REFUSED and not application.certificates.exists()
