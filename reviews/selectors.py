"""Reads for the staff console: each role's queue, deadlines, the actions a user may take now.

Who may see which file is decided by applications.access alone."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from applications import access
from applications import states as s
from applications.models import Application
from regulations.policies import all_policies, policy_or_none
from reviews import deadlines
from reviews.models import APPEAL_PENDING, Appeal, AppealOpinion, Consultation, Objection

# The console actions, in display order; transitions not listed are taken elsewhere (by the applicant,
# by the scheduled job, or as part of another action such as an objection decision or an appeal).
CONSOLE_ACTIONS = [
    s.T_ACCEPT,
    s.T_FORWARD,
    s.T_FINISH_CONSULTATION,
    s.T_APPROVE,
    s.T_APPROVE_FOR_NOTICE,
    s.T_CLOSE_NOTICE,
    s.T_ISSUE_CERTIFICATE,
    s.T_RETURN,
    s.T_REFUSE,
    s.T_REVOKE,
]
DANGER_ACTIONS = {s.T_RETURN, s.T_REFUSE, s.T_REVOKE}


def waiting_for(user) -> Q:
    """What waits for this user's roles now, by each regulation's process (its policy)."""
    q = Q(pk__in=[])
    today = timezone.localdate()
    pending_objection = Q(pk__in=Objection.objects.filter(decision="").values("application_id"))
    for policy in all_policies():
        regulation = Q(regulation_code=policy.code)
        case = Q(criterion_code__in=policy.case_by_case_criteria)
        decider = user.has_role(*policy.decider_roles)
        if user.has_role(*policy.reviewer_roles):
            states = [s.RECOMMENDED if policy.employer_recommends else s.SUBMITTED]
            if policy.consulted_roles:
                states.append(s.CONSULTATION)
            q |= regulation & Q(state__in=states)
        if decider:
            q |= regulation & Q(state=s.AWAITING_DECISION) & ~case
            q |= regulation & Q(state=s.RECOGNISED)
            if policy.has_appeal:
                q |= regulation & Q(state=s.REFUSED, appeals__status=APPEAL_PENDING)
        if user.has_role(*policy.case_decider_roles):
            q |= regulation & Q(state=s.AWAITING_DECISION) & case
        if policy.has_public_notice and user.has_role(*policy.notice_roles):
            if decider:
                q |= regulation & Q(state=s.PUBLIC_NOTICE) & (pending_objection | Q(notice_ends_on__lt=today))
            else:
                q |= regulation & Q(state=s.PUBLIC_NOTICE) & case & pending_objection
        if policy.consulted_roles and user.has_role(*policy.consulted_roles) and user.department_id:
            q |= regulation & Q(
                state=s.CONSULTATION,
                consultations__department_id=user.department_id,
                consultations__answered_at__isnull=True,
            )
            if policy.has_appeal and user.department.code in policy.appeal_joint_departments:
                given = AppealOpinion.objects.filter(appeal=OuterRef("pk"), department_id=user.department_id)
                pending = Appeal.objects.filter(status=APPEAL_PENDING).annotate(given=Exists(given)).filter(given=False)
                q |= Q(pk__in=pending.values("application_id"))
    return q


@dataclass
class QueueFilters:
    scope: str = "mine"  # "mine" (waiting for me) or "all"
    regulation: str = ""
    state: str = ""
    tier: str = ""
    overdue: bool = False
    q: str = ""


def staff_queue(user, filters: QueueFilters) -> QuerySet[Application]:
    qs = access.applications_staff_may_see(user).select_related("organisation", "regulation_version__regulation")
    if filters.scope != "all":
        qs = qs.filter(waiting_for(user))
    if policy_or_none(filters.regulation) is not None:
        qs = qs.filter(regulation_code=filters.regulation)
    if filters.state in s.STATE_LABELS:
        qs = qs.filter(state=filters.state)
    if filters.tier:
        qs = qs.filter(tier=filters.tier)
    if filters.overdue:
        qs = qs.filter(state__in=s.IN_REVIEW_STATES, due_on__lt=timezone.localdate())
    term = filters.q.strip()
    if term:
        qs = qs.filter(
            Q(full_name__icontains=term)
            | Q(document_number__iexact=term)
            | Q(document_number__icontains=term)
            | Q(reference__icontains=term)
            | Q(organisation__name__icontains=term)
            | Q(organisation__credit_code__iexact=term.upper())
        )
    return qs.distinct().order_by("due_on", "submitted_at", "pk")


@dataclass(frozen=True)
class DeadlineView:
    label: str  # what the date is (办结期限 / 公示结束 / 复核答复期限)
    on: object
    working_days_left: int | None
    overdue: bool
    unknown_reason: str


def deadline_for(application: Application, today=None) -> DeadlineView | None:
    today = today or timezone.localdate()
    if application.state == s.PUBLIC_NOTICE:
        if application.notice_ends_on is None:
            return DeadlineView(_("公示结束"), None, None, False, application.due_unknown_reason)
        left = deadlines.working_days_left(application.notice_ends_on, today)
        return DeadlineView(_("公示结束"), application.notice_ends_on, left.working_days, False, left.unknown_reason)
    if application.state == s.REFUSED:
        appeal = application.appeals.filter(status=APPEAL_PENDING).first()
        if appeal is not None:
            left = deadlines.working_days_left(appeal.due_on, today)
            return DeadlineView(
                _("复核答复期限"),
                appeal.due_on,
                left.working_days,
                left.overdue,
                appeal.due_unknown_reason or left.unknown_reason,
            )
        return None
    if application.state not in s.IN_REVIEW_STATES:
        return None
    if application.due_on is None:
        if application.due_unknown_reason:
            return DeadlineView(_("办结期限"), None, None, False, application.due_unknown_reason)
        return None
    left = deadlines.working_days_left(application.due_on, today)
    return DeadlineView(_("办结期限"), application.due_on, left.working_days, left.overdue, left.unknown_reason)


@dataclass(frozen=True)
class ActionView:
    code: str
    label: str
    reason_required: bool
    danger: bool


def available_actions(application: Application, user) -> list[ActionView]:
    """The console actions this user may take on this application now (state, role and conditions)."""
    available = {t.name for t in application.get_available_user_state_transitions(user)}
    return [
        ActionView(code, s.TRANSITION_LABELS[code], code in s.REASON_REQUIRED, code in DANGER_ACTIONS)
        for code in CONSOLE_ACTIONS
        if code in available
    ]


def timeline(application: Application, *, for_applicant: bool = False):
    logs = application.transition_logs.select_related("by")
    if for_applicant:
        logs = logs.filter(visible_to_applicant=True)
    return list(logs)


@dataclass(frozen=True)
class HistoryChange:
    at: object
    by: object
    kind: str
    changes: list


def history_diff(application: Application, limit: int = 50) -> list[HistoryChange]:
    """Field-level changes from django-simple-history, newest first."""
    records = list(
        application.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    result = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is None:
            changes = []
        else:
            delta = record.diff_against(previous)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
        kind = {"+": _("创建"), "~": _("修改"), "-": _("删除")}.get(record.history_type, record.history_type)
        result.append(HistoryChange(record.history_date, record.history_user, kind, changes))
    return result


def eligibility_verdict(application: Application) -> dict | None:
    """The eligibility engine's answer for the application's facts, judged on the day it was submitted."""
    from regulations.eligibility import evaluate
    from regulations.facts import FactsError

    judged_on = timezone.localdate(application.submitted_at) if application.submitted_at else None
    facts = application.policy.facts_for(application, as_of=judged_on)
    try:
        return evaluate(facts, language=get_language())
    except FactsError as exc:
        return {"error": _("认定事实有误，无法预审：%(error)s") % {"error": exc}}


def consultations_for(application: Application):
    return list(Consultation.objects.filter(application=application).select_related("department", "answered_by"))


HIDDEN_FIELDS = {"id", "facts", "eligibility", "regulation_code", "criterion_code", "updated_at"}


def application_fields(application: Application) -> list[tuple[str, object]]:
    """Every stored field with its label and display value, for the staff page."""
    rows = []
    for field in application._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        if field.choices:
            value = getattr(application, f"get_{field.name}_display")()
        elif field.is_relation:
            value = getattr(application, field.name)
        else:
            value = getattr(application, field.attname)
        if value is True:
            value = _("是")
        elif value is False:
            value = _("否")
        rows.append((str(field.verbose_name), value))
    return rows


def pending_tier_one_filings(user) -> list:
    """Nanning Art. 7(四): recognised Tier I talent not yet fully filed with the HR & Social Security and the
    Commerce Departments, or without the Guangxi FTZ talent card — for the staff who record the filing."""
    from regulations.policies.vocabularies import Tier

    codes = [p.code for p in all_policies() if p.filing_roles and user.has_role(*p.filing_roles)]
    candidates = (
        access.applications_staff_may_see(user)
        .filter(regulation_code__in=codes, tier=Tier.I, state__in=[s.RECOGNISED, s.CERTIFIED])
        .select_related("organisation", "tier_one_filing")
        .order_by("decided_at", "pk")
    )
    rows = []
    for application in candidates:
        filing = getattr(application, "tier_one_filing", None)
        if filing is None or not filing.is_complete:
            rows.append((application, filing))
    return rows
