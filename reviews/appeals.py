"""Re-review of a refusal (Beihai Art. 13(三)), where the regulation's policy has one (`has_appeal`): the
applicant asks within the version's window, the office and the policy's joint departments re-review, the office
answers within the version's days. The original result stays in force meanwhile."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, User
from applications import permissions as perms
from applications import states as s
from applications.models import Application
from applications.services import application_transition
from certificates.services import certificate_issue
from notifications import rules, texts
from notifications.services import notification_send
from regulations.policies import policy_for
from regulations.text import enumeration
from reviews import deadlines
from reviews.models import APPEAL_OVERTURNED, APPEAL_UPHELD, Appeal, AppealOpinion
from reviews.services import ReviewRefused, _decide_once, _record_result, _refuse
from talentportal.related import prefetched


def appeal_terms(application: Application) -> dict:
    """The regulation's re-review as people read it, from data: the office that answers, the departments that
    re-review with it (accounts.Department names), and the version's periods (else the regulation's own)."""
    policy = policy_for(application)
    version = application.regulation_version
    return {
        "office": enumeration(Department.names_of([policy.office_department] if policy.office_department else [])),
        "departments": enumeration(Department.names_of(policy.appeal_joint_departments)),
        "window_days": policy.period(version, "appeal_window_working_days"),
        "answer_days": policy.period(version, "appeal_answer_days"),
    }


def appeal_window(application: Application) -> deadlines.Deadline:
    received = application.result_notified_on or (application.decided_at and timezone.localdate(application.decided_at))
    if not received:
        return deadlines.Deadline(on=None)
    return deadlines.appeal_window_end(received, application.regulation_version)


def appeal_refusal(application: Application, user, *, today: date | None = None) -> ReviewRefused | None:
    """None when `user` may file a re-review request now; otherwise the refusal (code and message)."""
    today = today or timezone.localdate()
    if not policy_for(application).has_appeal or application.state != s.REFUSED:
        return ReviewRefused(_("只有北海市未通过认定的申请可以申请复核。"), code="wrong_state")
    if not perms.applicant_side(application, user):
        return ReviewRefused(_("复核申请须由用人单位提出。"), code="forbidden")
    if application.appeals.exists():
        return ReviewRefused(_("该申请已经提出过复核。"), code="duplicate")
    window = appeal_window(application)
    if window.on is None:
        unknown = _("无法确定结果告知日期，请联系%(office)s。") % appeal_terms(application)
        return ReviewRefused(window.unknown_reason or unknown, code="unknown_date")
    if today > window.on:
        return ReviewRefused(
            _("复核申请期限已于%(date)s届满（收到结果之日起%(days)s个工作日内）。")
            % {"date": window.on.isoformat(), "days": appeal_terms(application)["window_days"]},
            code="window",
        )
    return None


def appeal_file(*, application: Application, by, grounds: str) -> Appeal:
    grounds = (grounds or "").strip()
    if not grounds:
        _refuse(_("请写明申请复核的理由。"), "reason_required")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        refusal = appeal_refusal(locked, by)
        if refusal is not None:
            raise refusal
        today = timezone.localdate()
        due = deadlines.appeal_answer_due(today, locked.regulation_version)
        appeal = Appeal.objects.create(
            application=locked,
            filed_by=by,
            grounds=grounds,
            result_received_on=locked.result_notified_on or today,
            due_on=due.on,
            due_unknown_reason=due.unknown_reason,
        )
        joint = rules.users_allowed(locked, perms.decision_maker)
        departments = policy_for(locked).appeal_joint_departments
        joint += [
            user
            for user in User.objects.filter(is_active=True, department__code__in=departments)
            if can_give_appeal_opinion(appeal, user)
        ]
        notification_send(
            recipients=[rules.Recipient(user=user, must_act=True) for user in joint],
            kind=texts.APPEAL_FILED,
            application=locked,
            context={"reason": grounds},
        )
    return appeal


def can_give_appeal_opinion(appeal: Appeal, user) -> bool:
    return perms.appeal_joint_department(appeal.application, user)


def appeal_opinion_give(*, appeal: Appeal, by, opinion: str, comment: str = "") -> AppealOpinion:
    if not can_give_appeal_opinion(appeal, by):
        _refuse(_("只有%(departments)s参与联合复核。") % appeal_terms(appeal.application))
    if not appeal.is_pending:
        _refuse(_("该复核已经答复。"), "wrong_state")
    if opinion not in (APPEAL_UPHELD, APPEAL_OVERTURNED):
        _refuse(_("请选择复核意见。"), "invalid")
    with transaction.atomic():
        if AppealOpinion.objects.filter(appeal=appeal, department=by.department).exists():
            _refuse(_("本部门已经提出过复核意见。"), "conflict")
        return AppealOpinion.objects.create(
            appeal=appeal, department=by.department, opinion=opinion, comment=(comment or "").strip(), by=by
        )


def appeal_missing_opinions(appeal: Appeal) -> list[str]:
    opinions = prefetched(appeal, "opinions")  # the console page reads them with their departments
    if opinions is not None:
        given = {opinion.department.code for opinion in opinions}
    else:
        given = set(appeal.opinions.values_list("department__code", flat=True))
    return [code for code in policy_for(appeal.application).appeal_joint_departments if code not in given]


def appeal_missing_departments(appeal: Appeal) -> str:
    """The names of the departments whose re-review opinion is still owed, as running text ("" when none)."""
    return enumeration(Department.names_of(appeal_missing_opinions(appeal)))


def appeal_decide(*, appeal: Appeal, by, outcome: str, answer: str) -> Appeal:
    """SciTech answers after the joint re-review; an overturned refusal is recognised and certified."""
    application = appeal.application
    if not perms.decision_maker(application, by) or not policy_for(application).has_appeal:
        _refuse(_("复核结论由%(office)s审批人员作出。") % appeal_terms(application))
    if outcome not in (APPEAL_UPHELD, APPEAL_OVERTURNED):
        _refuse(_("请选择复核结论。"), "invalid")
    answer = (answer or "").strip()
    if not answer:
        _refuse(_("请写明复核答复。"), "reason_required")
    missing = appeal_missing_departments(appeal)
    if missing:
        _refuse(_("%(departments)s尚未提出复核意见。") % {"departments": missing}, "condition")
    with transaction.atomic():
        locked = _decide_once(appeal, by=by, already=_("该复核已经答复。"), status=outcome, answer=answer)
        if outcome == APPEAL_OVERTURNED:
            application_transition(application=application, transition=s.T_OVERTURN_ON_APPEAL, by=by, comment=answer)
            _record_result(application)
            certificate_issue(application=application, by=by)
        notification_send(
            recipients=[*rules.employer_users(application), *rules.talent_recipients(application)],
            kind=texts.APPEAL_DECIDED,
            application=application,
            context={"outcome": f"appeal:{outcome}", "comment": answer},
        )
    return locked
