"""Every console transition: allowed for the right role, refused for every other role and every other state."""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from applications import states as s
from applications.models import TransitionLog
from applications.services import TransitionRefused, application_transition
from regulations.codes import BEIHAI, NANNING, NN_CASE
from reviews.models import APPEAL_OVERTURNED, Appeal
from reviews.services import review_transition
from tests.factories import OrganisationFactory, employer_user, staff_user, talent_user
from tests.reviews.factories import consult, make_application

pytestmark = pytest.mark.django_db

R = roles
YESTERDAY = object()


def _answered_consultations(application):
    consult(application, "beihai-approval-bureau", "beihai-public-security", answered=True)


def _overturned_appeal(application):
    Appeal.objects.create(
        application=application,
        filed_by=application.created_by,
        grounds="理由",
        result_received_on=timezone.localdate(),
        status=APPEAL_OVERTURNED,
    )


def _notice_over(application):
    application.notice_starts_on = timezone.localdate() - datetime.timedelta(days=8)
    application.notice_ends_on = timezone.localdate() - datetime.timedelta(days=1)
    application.save()


# (regulation, criterion, state, transition, roles allowed, setup)
CASES = {
    "beihai-accept": (BEIHAI, None, s.SUBMITTED, s.T_ACCEPT, {R.BEIHAI_SCITECH_REVIEWER}, None),
    "beihai-return": (BEIHAI, None, s.SUBMITTED, s.T_RETURN, {R.BEIHAI_SCITECH_REVIEWER}, None),
    "beihai-refuse-preliminary": (BEIHAI, None, s.SUBMITTED, s.T_REFUSE, {R.BEIHAI_SCITECH_REVIEWER}, None),
    "beihai-finish-consultation": (
        BEIHAI,
        None,
        s.CONSULTATION,
        s.T_FINISH_CONSULTATION,
        {R.BEIHAI_SCITECH_REVIEWER},
        _answered_consultations,
    ),
    "beihai-refuse-in-consultation": (BEIHAI, None, s.CONSULTATION, s.T_REFUSE, {R.BEIHAI_SCITECH_REVIEWER}, None),
    "beihai-approve": (BEIHAI, None, s.AWAITING_DECISION, s.T_APPROVE, {R.BEIHAI_SCITECH_APPROVER}, None),
    "beihai-refuse-decision": (BEIHAI, None, s.AWAITING_DECISION, s.T_REFUSE, {R.BEIHAI_SCITECH_APPROVER}, None),
    "beihai-issue": (BEIHAI, None, s.RECOGNISED, s.T_ISSUE_CERTIFICATE, {R.BEIHAI_SCITECH_APPROVER}, None),
    "beihai-revoke": (BEIHAI, None, s.CERTIFIED, s.T_REVOKE, {R.BEIHAI_SCITECH_APPROVER}, None),
    "beihai-overturn": (
        BEIHAI,
        None,
        s.REFUSED,
        s.T_OVERTURN_ON_APPEAL,
        {R.BEIHAI_SCITECH_APPROVER},
        _overturned_appeal,
    ),
    "nanning-forward": (NANNING, None, s.RECOMMENDED, s.T_FORWARD, {R.NANNING_TALENT_BUREAU_REVIEWER}, None),
    "nanning-return": (NANNING, None, s.RECOMMENDED, s.T_RETURN, {R.NANNING_TALENT_BUREAU_REVIEWER}, None),
    "nanning-refuse-bureau": (NANNING, None, s.RECOMMENDED, s.T_REFUSE, {R.NANNING_TALENT_BUREAU_REVIEWER}, None),
    "nanning-approve": (
        NANNING,
        None,
        s.AWAITING_DECISION,
        s.T_APPROVE_FOR_NOTICE,
        {R.NANNING_COMMITTEE_APPROVER},
        None,
    ),
    "nanning-case-approve": (
        NANNING,
        NN_CASE,
        s.AWAITING_DECISION,
        s.T_APPROVE_FOR_NOTICE,
        {R.NANNING_LEADERSHIP_GROUP},
        None,
    ),
    "nanning-refuse-decision": (NANNING, None, s.AWAITING_DECISION, s.T_REFUSE, {R.NANNING_COMMITTEE_APPROVER}, None),
    "nanning-close-notice": (
        NANNING,
        None,
        s.PUBLIC_NOTICE,
        s.T_CLOSE_NOTICE,
        {R.NANNING_COMMITTEE_APPROVER, R.NANNING_LEADERSHIP_GROUP},
        _notice_over,
    ),
    "nanning-refuse-after-objection": (
        NANNING,
        None,
        s.PUBLIC_NOTICE,
        s.T_REFUSE_AFTER_OBJECTION,
        {R.NANNING_COMMITTEE_APPROVER, R.NANNING_LEADERSHIP_GROUP},
        None,
    ),
    "nanning-issue": (
        NANNING,
        None,
        s.RECOGNISED,
        s.T_ISSUE_CERTIFICATE,
        {R.NANNING_COMMITTEE_APPROVER, R.NANNING_LEADERSHIP_GROUP},
        None,
    ),
    "nanning-revoke": (NANNING, None, s.CERTIFIED, s.T_REVOKE, {R.NANNING_COMMITTEE_APPROVER}, None),
}

# The applicant's side and an unrelated employer are "roles" too: none of them may take a review step.
ACTORS = [*roles.STAFF_ROLES, "own-employer", "own-talent", "other-employer"]


def _actor(code, application):
    if code == "own-employer":
        return employer_user(application.organisation)
    if code == "own-talent":
        return application.talent or talent_user()
    if code == "other-employer":
        return employer_user(OrganisationFactory())
    return staff_user(code)


def _build(case):
    regulation, criterion, state, transition, allowed, setup = CASES[case]
    application = make_application(regulation, state, criterion_code=criterion)
    if setup:
        setup(application)
    return application, transition, allowed


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_only_the_right_role_may_take_the_transition(case, actor):
    application, transition, allowed = _build(case)
    user = _actor(actor, application)
    before = application.state
    if actor in allowed:
        result = application_transition(application=application, transition=transition, by=user, reason="理由")
        assert result.log.from_state == before
        assert result.log.to_state == application.state != before
        assert result.log.by == user and result.log.reason == "理由"
        assert application.history.first().state == application.state
    else:
        with pytest.raises(TransitionRefused) as refused:
            application_transition(application=application, transition=transition, by=user, reason="理由")
        assert refused.value.code == "forbidden"
        assert str(s.TRANSITION_LABELS[transition]) in refused.value.message
        application.refresh_from_db()
        assert application.state == before
        assert not TransitionLog.objects.filter(application=application).exists()


# Where each review transition may start, as the regulations describe it.
SOURCES = {
    (BEIHAI, s.T_ACCEPT): {s.SUBMITTED},
    (BEIHAI, s.T_FINISH_CONSULTATION): {s.CONSULTATION},
    (BEIHAI, s.T_APPROVE): {s.AWAITING_DECISION},
    (BEIHAI, s.T_REFUSE): {s.SUBMITTED, s.CONSULTATION, s.AWAITING_DECISION},
    (BEIHAI, s.T_RETURN): {s.SUBMITTED},
    (BEIHAI, s.T_ISSUE_CERTIFICATE): {s.RECOGNISED},
    (BEIHAI, s.T_REVOKE): {s.RECOGNISED, s.CERTIFIED},
    (BEIHAI, s.T_OVERTURN_ON_APPEAL): {s.REFUSED},
    (NANNING, s.T_FORWARD): {s.RECOMMENDED},
    (NANNING, s.T_RETURN): {s.RECOMMENDED},
    (NANNING, s.T_APPROVE_FOR_NOTICE): {s.AWAITING_DECISION},
    (NANNING, s.T_CLOSE_NOTICE): {s.PUBLIC_NOTICE},
    (NANNING, s.T_REFUSE_AFTER_OBJECTION): {s.PUBLIC_NOTICE},
}
ACTOR_FOR = {
    (BEIHAI, s.T_ACCEPT): R.BEIHAI_SCITECH_REVIEWER,
    (BEIHAI, s.T_FINISH_CONSULTATION): R.BEIHAI_SCITECH_REVIEWER,
    (BEIHAI, s.T_RETURN): R.BEIHAI_SCITECH_REVIEWER,
    (NANNING, s.T_FORWARD): R.NANNING_TALENT_BUREAU_REVIEWER,
    (NANNING, s.T_RETURN): R.NANNING_TALENT_BUREAU_REVIEWER,
}
# States each regulation's files actually pass through (Beihai has no recommendation or notice step).
STATES_USED = {
    BEIHAI: [state for state in s.STATE_LABELS if state not in (s.RECOMMENDED, s.PUBLIC_NOTICE)],
    NANNING: [state for state in s.STATE_LABELS if state != s.CONSULTATION],
}
WRONG_STATE_CASES = [
    (regulation, transition, state)
    for (regulation, transition), sources in SOURCES.items()
    for state in STATES_USED[regulation]
    if state not in sources
]


@pytest.mark.parametrize(("regulation", "transition", "state"), WRONG_STATE_CASES)
def test_transition_is_refused_in_every_other_state(regulation, transition, state):
    application = make_application(regulation, state)
    default = R.BEIHAI_SCITECH_APPROVER if regulation == BEIHAI else R.NANNING_COMMITTEE_APPROVER
    user = staff_user(ACTOR_FOR.get((regulation, transition), default))
    with pytest.raises(TransitionRefused) as refused:
        review_transition(application=application, transition=transition, by=user, reason="理由")
    # The state machine refuses the state itself, or (for steps both regulations share) the regulation's
    # condition; never "no permission" for a user whose role is the right one.
    assert refused.value.code in ("wrong_state", "condition")
    if refused.value.code == "wrong_state":
        assert str(s.STATE_LABELS[state]) in refused.value.message
    application.refresh_from_db()
    assert application.state == state


def test_nanning_case_by_case_is_decided_by_the_leadership_group_not_the_committee():
    application = make_application(NANNING, s.AWAITING_DECISION, criterion_code=NN_CASE)
    with pytest.raises(TransitionRefused):
        application_transition(
            application=application, transition=s.T_APPROVE_FOR_NOTICE, by=staff_user(R.NANNING_COMMITTEE_APPROVER)
        )


def test_reasons_are_required_for_refusal_and_return():
    application = make_application(BEIHAI, s.SUBMITTED)
    reviewer = staff_user(R.BEIHAI_SCITECH_REVIEWER)
    for transition in (s.T_REFUSE, s.T_RETURN):
        with pytest.raises(TransitionRefused) as refused:
            application_transition(application=application, transition=transition, by=reviewer, reason="  ")
        assert refused.value.code == "reason_required"
