"""Actions on applications. Every state change goes through `application_transition`."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from applications import states as s
from applications.models import Application, TransitionLog


class TransitionRefused(Exception):
    """A transition the user may not take now; `message` is translated and safe to show."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class TransitionResult:
    application: Application
    log: TransitionLog


def role_for_log(user, application) -> str:
    if user is None:
        return "system"
    codes = sorted(user.role_codes())
    return ",".join(codes)[:60]


def application_transition(
    *,
    application: Application,
    transition: str,
    by,
    reason: str = "",
    comment: str = "",
    visible_to_applicant: bool = True,
    check_permission: bool = True,
) -> TransitionResult:
    """Take `transition` on `application` as `by` (None = the system), atomically, with a log row.

    Raises TransitionRefused with a message the user can read when the state, the conditions,
    the user's role or a concurrent change forbid it.
    """
    method = getattr(application, transition, None)
    if transition not in s.TRANSITION_LABELS or method is None:
        raise TransitionRefused(_("未知的操作。"), code="unknown")
    label = s.TRANSITION_LABELS[transition]
    reason = (reason or "").strip()
    if transition in s.REASON_REQUIRED and not reason:
        raise TransitionRefused(_("“%(action)s”必须填写理由。") % {"action": label}, code="reason_required")
    if not can_proceed(method, check_conditions=False):
        raise TransitionRefused(
            _("当前状态（%(state)s）下不能执行“%(action)s”。") % {"state": application.state_label, "action": label},
            code="wrong_state",
        )
    if check_permission and (by is None or not has_transition_perm(method, by)):
        raise TransitionRefused(_("您没有权限执行“%(action)s”。") % {"action": label}, code="forbidden")
    if not can_proceed(method):
        raise TransitionRefused(_unmet_condition_message(application, transition, label), code="condition")

    from_state = application.state
    try:
        with transaction.atomic():
            method()
            application.save()
            log = TransitionLog.objects.create(
                application=application,
                transition=transition,
                from_state=from_state,
                to_state=application.state,
                by=by,
                by_role=role_for_log(by, application),
                at=timezone.now(),
                reason=reason,
                comment=(comment or "").strip(),
                visible_to_applicant=visible_to_applicant,
            )
    except ConcurrentTransition:
        application.refresh_from_db()
        raise TransitionRefused(
            _("该申请刚刚已被他人处理（当前状态：%(state)s），请刷新页面后查看。") % {"state": application.state_label},
            code="conflict",
        ) from None
    return TransitionResult(application=application, log=log)


def _unmet_condition_message(application: Application, transition: str, label) -> str:
    missing = application.missing_material_codes()
    if missing and transition in (s.T_SUBMIT, s.T_RESUBMIT, s.T_ACCEPT, s.T_FORWARD, s.T_EMPLOYER_RECOMMEND):
        from regulations.models import MaterialType

        names = {m.code: m.name for m in MaterialType.objects.filter(code__in=missing)}
        return _("缺少必需的材料：%(list)s。") % {"list": "、".join(str(names.get(code, code)) for code in missing)}
    if transition == s.T_FINISH_CONSULTATION:
        return _("还有部门尚未反馈意见，全部反馈后才能报审批。")
    if transition == s.T_CLOSE_NOTICE:
        return _("公示期尚未结束，或仍有未处理或成立的异议。")
    return _("“%(action)s”的条件尚未满足。") % {"action": label}
