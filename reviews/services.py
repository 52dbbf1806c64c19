"""What staff (and the public, for objections) do to an application. One function per action.

Each is atomic; state changes go through applications.services.application_transition (which checks state,
role and conditions and writes the transition log); side effects (mail, certificates) are wired here.
Re-review of a refusal (appeal) is reviews.appeals; the public notice and objections are reviews.notices.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import CreditRecord, Department
from applications import permissions as perms
from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused, application_transition
from certificates.services import certificate_issue
from notifications import rules, texts
from notifications.services import notification_send
from regulations.policies import policy_for
from regulations.policies.vocabularies import Tier
from regulations.text import enumeration
from reviews import deadlines
from reviews.models import (
    APPEAL_PENDING,
    OPINION_CHOICES,
    Appeal,
    Consultation,
    FraudFinding,
    Revocation,
    TierOneFiling,
)

logger = logging.getLogger(__name__)


class ReviewRefused(TransitionRefused):
    """An action outside the state machine that the user may not take now (message is translated)."""


def _refuse(message, code="forbidden"):
    raise ReviewRefused(message, code=code)


def _decide_once(record, *, by, already: str, **decision):
    """Record the decision on an objection or an appeal once: the row is locked and whoever comes second is
    refused ("conflict", with `already`); who decided and when are kept. Called inside the transaction that
    acts on the decision."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if not locked.is_pending:
        _refuse(already, "conflict")
    for name, value in {**decision, "decided_by": by, "decided_at": timezone.now()}.items():
        setattr(locked, name, value)
    locked.save()
    return locked


def review_transition(*, application: Application, transition: str, by, reason: str = "", comment: str = ""):
    """A bare console transition with no side effects of its own (used by tests and simple buttons)."""
    with transaction.atomic():
        return application_transition(
            application=application, transition=transition, by=by, reason=reason, comment=comment
        )


def console_action_take(*, application: Application, action: str, by, data: dict) -> Application:
    """One console action (a code of reviews.selectors.CONSOLE_ACTIONS) with the cleaned data of its form.

    The staff page and the API both call this, so an action means the same whichever way it is taken.
    """
    comment = data.get("comment", "")
    if action == s.T_ACCEPT:
        review_accept(application=application, by=by, departments=data.get("departments") or (), comment=comment)
    elif action == s.T_FORWARD:
        review_forward(application=application, by=by, comment=comment)
    elif action == s.T_FINISH_CONSULTATION:
        review_finish_consultation(application=application, by=by, comment=comment)
    elif action in (s.T_APPROVE, s.T_APPROVE_FOR_NOTICE):
        decision_approve(application=application, by=by, comment=comment, tier=data.get("tier", ""))
    elif action == s.T_CLOSE_NOTICE:
        from reviews.notices import notice_close

        notice_close(application=application, by=by)
    elif action == s.T_ISSUE_CERTIFICATE:
        certificate_issue_action(application=application, by=by)
    elif action == s.T_RETURN:
        review_return(application=application, by=by, reason=data["reason"], comment=comment)
    elif action == s.T_REFUSE:
        review_refuse(
            application=application,
            by=by,
            reason=data["reason"],
            comment=comment,
            fraud_code=data.get("fraud_code", ""),
            disqualify_person=data.get("disqualify_person", False),
            employer_credit_record=data.get("employer_credit_record", False),
        )
    elif action == s.T_REVOKE:
        revocation_record(
            application=application,
            by=by,
            reason_code=data["reason_code"],
            reason=data["reason"],
            disqualify_person=data.get("disqualify_person", False),
            employer_credit_record=data.get("employer_credit_record", False),
        )
    else:
        _refuse(_("未知的操作。"), "unknown")
    return application


# ---------------------------------------------------------------- preliminary review


def review_accept(*, application: Application, by, departments=(), comment: str = "") -> Application:
    """Beihai: SciTech accepts the file and asks the departments for their opinion (Art. 5).

    The departments the policy names (Administrative Approval, Public Security) are always consulted.
    """
    policy = policy_for(application)
    required = list(policy.required_consulted_departments)
    codes_wanted = list(dict.fromkeys(required + [d.code for d in departments]))
    chosen = list(Department.objects.filter(code__in=codes_wanted, consultable=True, city=policy.department_city))
    missing = set(required) - {d.code for d in chosen}
    if missing:
        _refuse(_("系统中缺少必须征求意见的部门：%(codes)s。") % {"codes": enumeration(sorted(missing))}, "config")
    with transaction.atomic():
        application_transition(application=application, transition=s.T_ACCEPT, by=by, comment=comment)
        # A file already deemed accepted keeps its acceptance date: the day it was received.
        _start_review_clock(application, accepted_on=application.accepted_on or timezone.localdate())
        for department in chosen:
            Consultation.objects.create(application=application, department=department, requested_by=by)
    return application


def _start_review_clock(application: Application, *, accepted_on) -> None:
    """Beihai Art. 5: the working-day limit counts from acceptance."""
    due = deadlines.review_due(accepted_on, application.regulation_version)
    application.accepted_on = accepted_on
    application.due_on = due.on
    application.due_unknown_reason = due.unknown_reason
    application.save()


def acceptances_deem_due() -> list[str]:
    """The scheduled job (行政许可法 Art. 32): a file on which no acceptance decision was made within the
    period after receipt is accepted from the day it was received. Recorded in the transition log; idempotent.
    A file whose period could not be computed (holiday calendar missing) is left to a person, never guessed."""
    today = timezone.localdate()
    deemed = []
    candidates = Application.objects.filter(
        state=s.SUBMITTED, accepted_on__isnull=True, acceptance_deemed=False, acceptance_due_on__lt=today
    ).order_by("pk")
    for application in candidates:
        try:
            with transaction.atomic():
                application_transition(
                    application=application,
                    transition=s.T_DEEM_ACCEPTED,
                    by=None,
                    check_permission=False,
                    comment=_(
                        "收到申请之日（%(received)s）起%(days)s个工作日内（至%(due)s）未作出受理决定，"
                        "依照《行政许可法》第三十二条，自收到申请材料之日起即为受理。"
                    )
                    % {
                        "received": application.received_on.isoformat(),
                        "days": application.regulation_version.acceptance_decision_working_days,
                        "due": application.acceptance_due_on.isoformat(),
                    },
                )
                application.acceptance_deemed = True
                _start_review_clock(application, accepted_on=application.received_on)
        except TransitionRefused as exc:
            logger.info("Acceptance of %s not deemed: %s", application.reference, exc.message)
            continue
        deemed.append(application.reference)
    return deemed


def deadlines_compute_pending(**_signal_kwargs) -> list[str]:
    """Once a missing year's holiday calendar is loaded, the deadlines that waited for it are computed.

    Connected to regulations.services.calendar_year_loaded; also safe to call by hand. Returns the references
    whose dates are now known.
    """
    from applications.services import acceptance_deadline

    done = []
    pending = Application.objects.filter(state__in=s.IN_REVIEW_STATES).exclude(due_unknown_reason="").order_by("pk")
    for application in pending:
        version = application.regulation_version
        if application.state == s.PUBLIC_NOTICE and application.notice_starts_on and not application.notice_ends_on:
            end = deadlines.notice_end(application.notice_starts_on, version)
            application.notice_ends_on, reason = end.on, end.unknown_reason
        elif application.accepted_on and not application.due_on:
            due = deadlines.review_due(application.accepted_on, version)
            application.due_on, reason = due.on, due.unknown_reason
        elif application.received_on and application.accepted_on is None and not application.acceptance_due_on:
            due_on, reason = acceptance_deadline(version=version, received_on=application.received_on)
            application.acceptance_due_on = due_on
            receipt = application.receipts.order_by("-received_at", "-id").first()
            if receipt is not None and due_on:
                receipt.acceptance_due_on, receipt.acceptance_due_unknown_reason = due_on, ""
                receipt.save()
        else:
            continue
        application.due_unknown_reason = reason
        application.save()
        if not reason:
            done.append(application.reference)
    for appeal in Appeal.objects.filter(status=APPEAL_PENDING, due_on__isnull=True).exclude(due_unknown_reason=""):
        due = deadlines.appeal_answer_due(timezone.localdate(appeal.filed_at), appeal.application.regulation_version)
        appeal.due_on, appeal.due_unknown_reason = due.on, due.unknown_reason
        appeal.save()
        if due.on:
            done.append(appeal.application.reference)
    return done


def review_forward(*, application: Application, by, comment: str = "") -> Application:
    """Nanning: the Organisation and Talent Bureau passes the file to the committee (or leadership group)."""
    with transaction.atomic():
        application_transition(application=application, transition=s.T_FORWARD, by=by, comment=comment)
    return application


def review_return(*, application: Application, by, reason: str, comment: str = "") -> Application:
    with transaction.atomic():
        application_transition(application=application, transition=s.T_RETURN, by=by, reason=reason, comment=comment)
    return application


def review_refuse(
    *,
    application: Application,
    by,
    reason: str,
    comment: str = "",
    fraud_code: str = "",
    disqualify_person: bool = False,
    employer_credit_record: bool = False,
) -> Application:
    """A refusal states its reasons (Beihai Art. 5); the result date starts the appeal window.

    Fraud found during review (Beihai Art. 13(一)(二), Nanning Art. 12(一)): staff may, in the same act, bar
    the person from applying again and record the employer's credit — each only when chosen."""
    policy = policy_for(application)
    fraud = disqualify_person or employer_credit_record
    if fraud:
        _check_misconduct(
            policy,
            reason_code=fraud_code,
            allowed=policy.fraud_reasons,
            disqualify_person=disqualify_person,
            employer_credit_record=employer_credit_record,
        )
    with transaction.atomic():
        application_transition(application=application, transition=s.T_REFUSE, by=by, reason=reason, comment=comment)
        _record_result(application)
        if fraud:
            disqualification, credit = _misconduct_records(
                application,
                by=by,
                reason_code=fraud_code,
                reason=reason,
                disqualify_person=disqualify_person,
                employer_credit_record=employer_credit_record,
            )
            FraudFinding.objects.create(
                application=application,
                reason_code=fraud_code,
                reason=reason,
                disqualification=disqualification,
                credit_record=credit,
                by=by,
            )
    return application


def _check_misconduct(policy, *, reason_code, allowed, disqualify_person, employer_credit_record):
    if reason_code not in allowed:
        _refuse(_("请选择办法规定的弄虚作假或取消认定情形。"), "invalid")
    if employer_credit_record and not policy.employer_credit_article:
        _refuse(_("该认定办法没有记入用人单位诚信档案的规定。"), "invalid")


def _misconduct_records(application, *, by, reason_code, reason, disqualify_person, employer_credit_record):
    """The Disqualification and CreditRecord rows a misconduct finding leads to (either may be None)."""
    from regulations.models import Disqualification

    disqualification = credit = None
    if disqualify_person and application.document_number:
        disqualification = Disqualification.objects.create(
            regulation_code=application.regulation_code,
            document_number=application.document_number,
            nationality=application.nationality,
            full_name=application.full_name,
            reason_code=reason_code,
            reason=reason,
            application_reference=application.reference,
        )
    if employer_credit_record:
        credit = CreditRecord.objects.create(
            organisation=application.organisation,
            regulation_code=application.regulation_code,
            application_reference=application.reference,
            reason=reason,
            recorded_by=by,
        )
    return disqualification, credit


def _record_result(application: Application) -> None:
    application.decided_at = timezone.now()
    application.result_notified_on = timezone.localdate()
    application.save()


# ---------------------------------------------------------------- consultation (Beihai)


def consultation_request(*, application: Application, department: Department, by, note: str = "") -> Consultation:
    """Ask one more department while the consultation is open."""
    if application.state != s.CONSULTATION:
        _refuse(_("只有在征求意见阶段才能增加征求意见的部门。"), "wrong_state")
    if not perms.first_reviewer(application, by):
        _refuse(_("您没有权限征求部门意见。"))
    if not department.consultable or department.city != policy_for(application).department_city:
        _refuse(_("该部门不能被征求意见。"), "invalid")
    if application.consultations.filter(department=department).exists():
        _refuse(_("已经向该部门征求过意见。"), "duplicate")
    with transaction.atomic():
        return Consultation.objects.create(application=application, department=department, requested_by=by, note=note)


def can_answer_consultation(consultation: Consultation, user) -> bool:
    return perms.consulted_department(consultation.application, user, consultation.department_id)


def consultation_answer(*, consultation: Consultation, by, opinion: str, comment: str = "") -> Consultation:
    """The consulted department's user records agree / disagree and a comment, once."""
    if not can_answer_consultation(consultation, by):
        _refuse(_("只有被征求意见部门的人员才能反馈意见。"))
    if opinion not in dict(OPINION_CHOICES):
        _refuse(_("请选择“同意”或“不同意”。"), "invalid")
    comment = (comment or "").strip()
    if opinion != "agree" and not comment:
        _refuse(_("不同意时必须说明理由。"), "reason_required")
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.answered_at is not None:
            _refuse(_("该部门已经反馈过意见。"), "conflict")
        if locked.application.state != s.CONSULTATION:
            _refuse(_("该申请已不在征求意见阶段。"), "wrong_state")
        locked.opinion = opinion
        locked.comment = comment
        locked.answered_by = by
        locked.answered_at = timezone.now()
        locked.save()
        application = locked.application
        if application.consultations_all_answered():
            # All opinions are back: the preliminary reviewer can now pass the file on for approval.
            notification_send(
                recipients=[
                    rules.Recipient(user=user, must_act=True)
                    for user in rules.users_who_may(application, s.T_FINISH_CONSULTATION)
                ],
                kind=texts.OPINIONS_BACK,
                application=application,
            )
    return locked


def review_finish_consultation(*, application: Application, by, comment: str = "") -> Application:
    with transaction.atomic():
        application_transition(application=application, transition=s.T_FINISH_CONSULTATION, by=by, comment=comment)
    return application


# ---------------------------------------------------------------- decision


def case_tier_problems(application: Application, tier: str) -> list[str]:
    """Nanning Art. 8 (一事一议): the leadership group decides the tier, within the measures' scope (Art. 5:
    FTZ employer, full-time, not civil service, basic conditions; Art. 14: in time) and, during a recognition's
    validity, only a higher tier than the one held (Art. 11). Empty when the decision may stand."""
    from applications.services import recognition_in_force
    from reviews.selectors import eligibility_verdict

    problems = []
    if tier not in Tier.values:
        problems.append(_("“一事一议”须由人才工作领导小组审定人才类别，请选择类别。"))
    verdict = eligibility_verdict(application) or {}
    if not verdict.get("in_scope"):
        failed = [line for line in verdict.get("reasons", []) if line.startswith("✘")]
        problems.append(
            _("不在认定范围内或已逾期，不能“一事一议”认定：%(lines)s")
            % {"lines": "；".join(line.lstrip("✘ ") for line in failed) or verdict.get("error", "")}
        )
    current = recognition_in_force(application)
    if current is not None and tier in Tier.values and Tier.rank(tier) <= Tier.rank(current.tier):
        problems.append(
            _("申请人已有%(ref)s认定的%(tier)s类人才，有效期内只能认定更高类别（第十一条）。")
            % {"ref": current.reference, "tier": current.tier}
        )
    return problems


def decision_approve(*, application: Application, by, comment: str = "", tier: str = "") -> Application:
    """Beihai: the SciTech approver approves and the certificate is issued in the same action.
    Nanning: the committee (or the leadership group for NN-CASE, deciding the tier) approves; the public
    notice starts today."""
    policy = policy_for(application)
    if policy.is_case_by_case(application) and application.state == s.AWAITING_DECISION:
        problems = case_tier_problems(application, tier)
        if problems:
            _refuse(" ".join(str(p) for p in problems), "condition")
    with transaction.atomic():
        if policy.is_case_by_case(application):
            application.tier = tier
        if not policy.has_public_notice:
            application_transition(application=application, transition=s.T_APPROVE, by=by, comment=comment)
            _record_result(application)
            certificate_issue(application=application, by=by)
        else:
            application_transition(application=application, transition=s.T_APPROVE_FOR_NOTICE, by=by, comment=comment)
            starts = timezone.localdate()
            end = deadlines.notice_end(starts, application.regulation_version)
            application.notice_starts_on = starts
            application.notice_ends_on = end.on
            application.due_unknown_reason = end.unknown_reason
            application.save()
    return application


def decision_refuse(*, application: Application, by, reason: str, comment: str = "", **fraud) -> Application:
    return review_refuse(application=application, by=by, reason=reason, comment=comment, **fraud)


def certificate_issue_action(*, application: Application, by) -> Application:
    """Console button for a recognised application (Nanning after the notice, or a Beihai retry)."""
    if application.state != s.RECOGNISED:
        _refuse(_("只有已认定的申请才能签发证书。"), "wrong_state")
    if not perms.issuer(application, by):
        _refuse(_("您没有权限执行“%(action)s”。") % {"action": s.TRANSITION_LABELS[s.T_ISSUE_CERTIFICATE]})
    with transaction.atomic():
        certificate_issue(application=application, by=by)
        _supersede_previous(application)
    return application


def _supersede_previous(application: Application) -> None:
    """Nanning Art. 11: an upgrade to a higher tier during validity replaces the earlier recognition."""
    previous = application.upgrade_of
    if previous is not None and previous.state == s.CERTIFIED and application.state == s.CERTIFIED:
        application_transition(
            application=previous,
            transition=s.T_SUPERSEDE,
            by=None,
            check_permission=False,
            comment=_("已被%(ref)s（更高类别）取代。") % {"ref": application.reference},
        )


# ---------------------------------------------------------------- expiry


def recognitions_expire_due() -> list[str]:
    """The scheduled job: a recognition ends when its certificate's validity has run out.

    Nanning Art. 11: tier I lasts 5 years, tiers II and III 3; Beihai Art. 3: the permit's term. The
    certificate holds the computed end date; the day after it, the application expires. Idempotent.
    """
    from certificates.selectors import current_certificate

    today = timezone.localdate()
    expired = []
    for application in Application.objects.filter(state=s.CERTIFIED).order_by("pk"):
        certificate = current_certificate(application)
        if certificate is None or certificate.valid_until >= today:
            continue
        with transaction.atomic():
            application_transition(
                application=application,
                transition=s.T_EXPIRE,
                by=None,
                check_permission=False,
                comment=_("有效期已于%(date)s届满。") % {"date": certificate.valid_until.isoformat()},
            )
        expired.append(application.reference)
    return expired


# ---------------------------------------------------------------- revocation


def revocation_record(
    *,
    application: Application,
    by,
    reason_code: str,
    reason: str,
    disqualify_person: bool = False,
    employer_credit_record: bool = False,
) -> Revocation:
    """Beihai Art. 13(1)(2): fraud — staff choose: the person permanently disqualified, the employer's credit
    record. Nanning Art. 12: (1)-(3) bar any new application by the person; (4) does not."""
    policy = policy_for(application)
    reason = (reason or "").strip()
    if reason_code not in policy.revocation_reasons:
        _refuse(_("请选择办法规定的取消认定原因。"), "invalid")
    if policy.employer_credit_article:
        if not (disqualify_person or employer_credit_record):
            _refuse(_("请至少选择一项：申请人弄虚作假或用人单位弄虚作假。"), "invalid")
    else:
        disqualify_person, employer_credit_record = reason_code in policy.barring_reasons, False
    with transaction.atomic():
        application_transition(application=application, transition=s.T_REVOKE, by=by, reason=reason)
        disqualification, credit = _misconduct_records(
            application,
            by=by,
            reason_code=reason_code,
            reason=reason,
            disqualify_person=disqualify_person,
            employer_credit_record=employer_credit_record,
        )
        revocation = Revocation.objects.create(
            application=application,
            reason_code=reason_code,
            reason=reason,
            disqualification=disqualification,
            credit_record=credit,
            by=by,
        )
    return revocation


# ---------------------------------------------------------------- Nanning Tier I filing and talent card


def can_record_tier_one_filing(application: Application, user) -> bool:
    """Nanning Art. 7(四): Tier I is filed with the HR & Social Security and Commerce Departments."""
    policy = policy_for(application)
    return (
        bool(policy.filing_roles)
        and application.tier == Tier.I
        and application.state in (s.RECOGNISED, s.CERTIFIED)
        and perms.tier_one_registrar(application, user)
    )


def tier_one_filing_record(*, application: Application, by, **fields) -> TierOneFiling:
    if not can_record_tier_one_filing(application, by):
        _refuse(_("只有已认定的南宁片区一类人才才能登记备案和人才卡，且须由组织人才局或管委会人员登记。"))
    with transaction.atomic():
        filing = TierOneFiling.objects.select_for_update().filter(application=application).first()
        filing = filing or TierOneFiling(application=application)
        for key in set(TierOneFiling.RECORDED_FIELDS) & set(fields):
            value = fields[key]
            if value is None and key.endswith(("reference", "number")):
                value = ""
            setattr(filing, key, value)
        filing.updated_by = by
        filing.save()
    return filing
