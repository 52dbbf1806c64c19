"""The one transition runner (talentportal.fsm) behind both application_transition and
service_request_transition: the same checks in the same order, the same refusals and messages, one log row per
change, a concurrent change refused rather than lost, and the people told only once the change is committed."""

import pytest
from django.utils import translation

from accounts import roles
from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused, application_transition
from applications.signals import transition_committed
from benefits import states as rs
from benefits.models import ServiceRequest
from benefits.services import (
    ServiceRefused,
    service_material_upload,
    service_request_start,
    service_request_transition,
)
from certificates.services import certificate_issue
from notifications.models import Notification
from regulations.models import Benefit
from tests.applications.factories import pdf
from tests.certificates.factories import nanning_application, nanning_issuer
from tests.factories import employer_user, staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- an application


@pytest.fixture
def reviewer():
    return staff_user(roles.BEIHAI_SCITECH_REVIEWER)


def _refused(**kwargs) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as refused:
        application_transition(**kwargs)
    return refused.value


def _service_refused(**kwargs) -> ServiceRefused:
    with pytest.raises(ServiceRefused) as refused:
        service_request_transition(**kwargs)
    return refused.value


@pytest.mark.parametrize(
    ("kind", "transition", "reason", "code", "message"),
    [
        ("application", "no_such_action", "", "unknown", "未知的操作。"),
        ("application", "save", "", "unknown", "未知的操作。"),  # a method of the model, but not a transition
        ("application", s.T_REFUSE, "  ", "reason_required", "“不予认定”必须填写理由。"),
        ("application", s.T_APPROVE, "", "wrong_state", "当前状态（已提交）下不能执行“审批通过”。"),
        ("service request", "no_such_action", "", "unknown", "未知的操作。"),
        ("service request", rs.T_WITHDRAW, " ", "reason_required", "“撤回”必须填写理由。"),
        ("service request", rs.T_APPROVE, "", "wrong_state", "当前状态（草稿）下不能执行“审核同意并盖章”。"),
    ],
)
def test_a_refused_transition_says_why_with_its_code_and_changes_nothing(
    request, kind, transition, reason, code, message
):
    if kind == "application":
        record = make_application()
        refusal = _refused(
            application=record, transition=transition, by=request.getfixturevalue("reviewer"), reason=reason
        )
        assert (refusal.code, refusal.message) == (code, message)
        logs = record.transition_logs
    else:
        record = request.getfixturevalue("draft")
        refusal = _service_refused(request=record, transition=transition, by=record.application.talent, reason=reason)
        assert (refusal.code, refusal.messages) == (code, [message])
        logs = record.log
    state = record.state
    record.refresh_from_db()
    assert record.state == state and not logs.exists()


def test_the_state_is_asked_before_the_role_and_the_role_before_the_conditions():
    employer = employer_user()
    # Wrong state and wrong role: the state is named.
    assert _refused(application=make_application(), transition=s.T_APPROVE, by=employer).code == "wrong_state"
    # Right state, wrong role, unmet condition (no materials): "no permission", not "not yet".
    refusal = _refused(application=make_application(materials=False), transition=s.T_ACCEPT, by=employer)
    assert (refusal.code, refusal.message) == ("forbidden", "您没有权限执行“初审通过，征求部门意见”。")
    # Nobody signed in is never allowed.
    assert _refused(application=make_application(), transition=s.T_ACCEPT, by=None).code == "forbidden"


def test_an_unmet_condition_says_what_is_missing(reviewer):
    refusal = _refused(application=make_application(materials=False), transition=s.T_ACCEPT, by=reviewer)
    assert refusal.code == "condition"
    assert refusal.message.startswith("缺少必需的材料：")


def test_the_english_site_reads_the_refusals_in_english():
    with translation.override("en"):
        refusal = _refused(application=make_application(), transition=s.T_ACCEPT, by=employer_user())
    assert refusal.message.startswith("You are not allowed to ")


def test_an_application_transition_writes_one_log_row_from_to_who_why(reviewer, django_capture_on_commit_callbacks):
    application = make_application()
    told = []

    def listener(sender, log_id, **kwargs):
        told.append(log_id)

    transition_committed.connect(listener, dispatch_uid="test-runner-listener")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            result = application_transition(
                application=application, transition=s.T_REFUSE, by=reviewer, reason="  不符合第二条任一条件 "
            )
        assert told == []  # nobody is told before the change is committed
        for callback in callbacks:
            callback()
    finally:
        transition_committed.disconnect(dispatch_uid="test-runner-listener")

    log = application.transition_logs.get()
    assert log == result.log and told == [log.pk]
    assert (log.transition, log.from_state, log.to_state) == (s.T_REFUSE, s.SUBMITTED, s.REFUSED)
    assert log.by == reviewer and log.by_role == roles.BEIHAI_SCITECH_REVIEWER
    assert log.reason == "不符合第二条任一条件" and log.at is not None
    application.refresh_from_db()
    assert application.state == s.REFUSED


def test_a_concurrent_change_to_an_application_is_refused_not_lost(reviewer):
    application = make_application()
    mine = Application.objects.get(pk=application.pk)
    theirs = Application.objects.get(pk=application.pk)  # both read "submitted"
    application_transition(application=theirs, transition=s.T_REFUSE, by=reviewer, reason="不符合条件")

    refusal = _refused(application=mine, transition=s.T_RETURN, by=reviewer, reason="请补充材料")
    assert refusal.code == "conflict"
    assert refusal.message == "该申请刚刚已被他人处理（当前状态：未通过），请刷新页面后查看。"
    assert mine.state == s.REFUSED  # the page is shown what really happened
    application.refresh_from_db()
    assert application.state == s.REFUSED
    assert list(application.transition_logs.values_list("transition", flat=True)) == [s.T_REFUSE]


# ---------------------------------------------------------------- a service request


@pytest.fixture
def certified():
    application = nanning_application(tier="II")
    certificate_issue(application=application, by=nanning_issuer())
    return application


@pytest.fixture
def draft(certified):
    benefit = Benefit.objects.get(regulation__code="nanning-ftz-urgent-talent", code="housing-subsidy")
    return service_request_start(application=certified, benefit=benefit, by=certified.talent)


@pytest.fixture
def bureau():
    return staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)


def _with_materials(request):
    for material in request.benefit.request_materials.all():
        service_material_upload(
            request=request, material_code=material.code, uploaded=pdf(), by=request.application.talent
        )
    return request


def test_a_service_request_is_asked_the_role_then_the_conditions(draft, bureau):
    refusal = _service_refused(request=draft, transition=rs.T_SUBMIT, by=bureau)
    assert (refusal.code, refusal.messages) == ("forbidden", ["您没有权限执行“提交”。"])
    assert _service_refused(request=draft, transition=rs.T_SUBMIT, by=None).code == "forbidden"
    assert draft.benefit.request_materials.exists()
    refusal = _service_refused(request=draft, transition=rs.T_SUBMIT, by=draft.application.talent)
    assert refusal.code == "condition" and refusal.messages[0].startswith("还缺少以下材料：")
    with translation.override("en"):
        refusal = _service_refused(request=draft, transition=rs.T_SUBMIT, by=bureau)
    assert refusal.messages[0].startswith("You are not allowed to ")


def test_a_benefit_rule_checked_under_the_transaction_refuses_with_code_rule(certified):
    card = Benefit.objects.get(regulation__code="nanning-ftz-urgent-talent", code="ftz-talent-card")
    application = nanning_application(tier="I", document_number="450103198504021011")
    certificate_issue(application=application, by=nanning_issuer())
    request = _with_materials(service_request_start(application=application, benefit=card, by=application.talent))
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.talent)

    refusal = _service_refused(request=request, transition=rs.T_APPROVE, by=staff_user(card.reviewer_role))
    assert refusal.code == "rule" and "尚未核定" in refusal.messages[0]  # no yearly number of cards set
    request.refresh_from_db()
    assert request.state == rs.SUBMITTED and request.decided_at is None
    assert list(request.log.values_list("transition", flat=True)) == [rs.T_SUBMIT]


def test_a_service_request_transition_writes_its_log_and_timestamps_and_tells_after_commit(
    draft, bureau, django_capture_on_commit_callbacks
):
    talent = draft.application.talent
    _with_materials(draft)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service_request_transition(request=draft, transition=rs.T_SUBMIT, by=talent)
    assert not Notification.objects.filter(kind="benefit-request-submit").exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(kind="benefit-request-submit", recipient=bureau).exists()

    with django_capture_on_commit_callbacks(execute=True):
        service_request_transition(request=draft, transition=rs.T_RETURN, by=bureau, reason=" 请补充证明 ")
    draft.refresh_from_db()
    submitted, returned = draft.log.all()
    assert (submitted.transition, submitted.from_state, submitted.to_state, submitted.by) == (
        rs.T_SUBMIT,
        rs.DRAFT,
        rs.SUBMITTED,
        talent,
    )
    assert (returned.from_state, returned.to_state, returned.by, returned.reason) == (
        rs.SUBMITTED,
        rs.RETURNED,
        bureau,
        "请补充证明",
    )
    assert draft.submitted_at == submitted.at
    assert (draft.decided_at, draft.decided_by) == (returned.at, bureau)
    assert Notification.objects.filter(
        kind="benefit-request-return-for-correction", context__reason="请补充证明"
    ).exists()


def test_a_concurrent_change_to_a_service_request_is_refused_not_lost(draft, bureau):
    service_request_transition(request=_with_materials(draft), transition=rs.T_SUBMIT, by=draft.application.talent)
    mine = ServiceRequest.objects.get(pk=draft.pk)
    theirs = ServiceRequest.objects.get(pk=draft.pk)  # both read "submitted"
    service_request_transition(request=theirs, transition=rs.T_APPROVE, by=bureau)

    refusal = _service_refused(request=mine, transition=rs.T_REFUSE, by=bureau, reason="不符合条件")
    assert refusal.code == "conflict"
    assert refusal.messages == ["该服务申请刚刚已被他人处理（当前状态：审核同意），请刷新页面后查看。"]
    assert mine.state == rs.APPROVED
    draft.refresh_from_db()
    assert draft.state == rs.APPROVED
    assert list(draft.log.values_list("transition", flat=True)) == [rs.T_SUBMIT, rs.T_APPROVE]
