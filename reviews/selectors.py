"""Reads for the staff console: each role's queue, deadlines, the actions a user may take now.

Who may see which file is decided by applications.access alone."""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Organisation
from applications import access
from applications import states as s
from applications.models import Application, next_due
from regulations.policies import all_policies, policy_or_none
from reviews import deadlines
from reviews.models import APPEAL_PENDING, Appeal, AppealOpinion, Consultation, Objection
from talentportal.related import prefetched

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
                under_appeal = Appeal.objects.filter(status=APPEAL_PENDING).values("application_id")
                q |= regulation & Q(state=s.REFUSED, pk__in=under_appeal)
        if user.has_role(*policy.case_decider_roles):
            q |= regulation & Q(state=s.AWAITING_DECISION) & case
        if policy.has_public_notice and user.has_role(*policy.notice_roles):
            if decider:
                q |= regulation & Q(state=s.PUBLIC_NOTICE) & (pending_objection | Q(notice_ends_on__lt=today))
            else:
                q |= regulation & Q(state=s.PUBLIC_NOTICE) & case & pending_objection
        if policy.consulted_roles and user.has_role(*policy.consulted_roles) and user.department_id:
            # The department's open requests are few (its current work): read as a list of ids first, so the
            # database picks them by primary key instead of testing a subquery against every application.
            unanswered = Consultation.objects.filter(
                department_id=user.department_id,
                answered_at__isnull=True,
                application__state=s.CONSULTATION,
                application__regulation_code=policy.code,
            )
            q |= Q(pk__in=list(unanswered.values_list("application_id", flat=True)))
            if policy.has_appeal and user.department.code in policy.appeal_joint_departments:
                given = AppealOpinion.objects.filter(appeal=OuterRef("pk"), department_id=user.department_id)
                pending = Appeal.objects.filter(status=APPEAL_PENDING).annotate(given=Exists(given)).filter(given=False)
                q |= Q(pk__in=list(pending.values_list("application_id", flat=True)))
    return q


# The queue never shows these (large JSON and free text): not read for its 50 rows.
QUEUE_DEFERRED = (
    "facts",
    "eligibility",
    "form_data",
    "education_and_work_history",
    "achievements",
    "condition_statement",
)
ORGANISATION_MATCHES = 500


@dataclass
class QueueFilters:
    scope: str = "mine"  # "mine" (waiting for me) or "all"
    regulation: str = ""
    state: str = ""
    tier: str = ""
    overdue: bool = False
    q: str = ""


def staff_queue(user, filters: QueueFilters) -> QuerySet[Application]:
    """One row per application (no joins that repeat rows), with what the page shows fetched up front:
    the organisation, and pending appeals (the deadline of a refused file under re-review)."""
    pending_appeals = Prefetch(
        "appeals", queryset=Appeal.objects.filter(status=APPEAL_PENDING), to_attr="pending_appeals"
    )
    qs = (
        access.applications_staff_may_see(user)
        .select_related("organisation", "regulation_version")
        .prefetch_related(pending_appeals)
    )
    if filters.scope != "all":
        qs = qs.filter(waiting_for(user))
    if policy_or_none(filters.regulation) is not None:
        qs = qs.filter(regulation_code=filters.regulation)
    if filters.state in s.STATE_LABELS:
        qs = qs.filter(state=filters.state)
    if filters.tier:
        qs = qs.filter(tier=filters.tier)
    if filters.overdue:
        qs = qs.filter(overdue_q(timezone.localdate()))
    term = filters.q.strip()
    if term:
        # Every condition on the application's own columns (trigram indexes on PostgreSQL, see migration
        # applications 0007); the organisations matching the term are looked up first, a short list.
        organisations = list(
            Organisation.objects.filter(Q(name__icontains=term) | Q(credit_code=term.upper())).values_list(
                "pk", flat=True
            )[:ORGANISATION_MATCHES]
        )
        qs = qs.filter(
            Q(full_name__icontains=term)
            | Q(document_number__icontains=term)
            | Q(reference__icontains=term)
            | Q(organisation_id__in=organisations)
        )
    qs = qs.defer(*QUEUE_DEFERRED).annotate(next_due=next_due())
    return qs.order_by(F("next_due").asc(nulls_last=True), "submitted_at", "pk")


def overdue_q(today) -> Q:
    """Files past their time limit: the acceptance decision (Beihai Art. 5 with 行政许可法 Art. 32), or the
    review counted from acceptance."""
    acceptance = Q(state=s.SUBMITTED, accepted_on__isnull=True, acceptance_due_on__lt=today)
    return acceptance | Q(state__in=s.IN_REVIEW_STATES, due_on__lt=today)


@dataclass(frozen=True)
class DeadlineView:
    label: str  # what the date is (办结期限 / 公示结束 / 复核答复期限)
    on: object
    working_days_left: int | None
    overdue: bool
    unknown_reason: str


def deadline_for(application: Application, today=None, *, calendar=None) -> DeadlineView | None:
    """The date that matters now. A list passes one `calendar` for all its rows, and fetches pending
    appeals into `application.pending_appeals` (staff_queue does), so a row costs no query."""
    today = today or timezone.localdate()
    if application.state == s.PUBLIC_NOTICE:
        if application.notice_ends_on is None:
            return DeadlineView(_("公示结束"), None, None, False, application.due_unknown_reason)
        left = deadlines.working_days_left(application.notice_ends_on, today, calendar=calendar)
        return DeadlineView(_("公示结束"), application.notice_ends_on, left.working_days, False, left.unknown_reason)
    if application.state == s.REFUSED:
        if hasattr(application, "pending_appeals"):
            appeal = next(iter(application.pending_appeals), None)
        else:
            appeal = application.appeals.filter(status=APPEAL_PENDING).first()
        if appeal is not None:
            left = deadlines.working_days_left(appeal.due_on, today, calendar=calendar)
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
    acceptance_period = application.regulation_version.acceptance_decision_working_days
    if application.state == s.SUBMITTED and application.accepted_on is None and acceptance_period is not None:
        # Beihai Art. 5 with 行政许可法 Art. 32: first the acceptance decision, due within N working days of receipt.
        label = _("受理决定期限")
        if application.acceptance_due_on is None:
            if application.due_unknown_reason:
                return DeadlineView(label, None, None, False, application.due_unknown_reason)
            return None
        left = deadlines.working_days_left(application.acceptance_due_on, today)
        return DeadlineView(label, application.acceptance_due_on, left.working_days, left.overdue, left.unknown_reason)
    if application.due_on is None:
        if application.due_unknown_reason:
            return DeadlineView(_("办结期限"), None, None, False, application.due_unknown_reason)
        return None
    left = deadlines.working_days_left(application.due_on, today, calendar=calendar)
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


def _history_fields(record) -> set[str]:
    return {field.name for field in record.instance_type._meta.fields}


def history_diff(application: Application, limit: int = 50) -> list[HistoryChange]:
    """Field-level changes from django-simple-history, newest first, as labels and display values."""
    from applications import display
    from applications.display import INTERNAL_FIELDS

    records = list(
        application.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    result = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is None:
            changes = []
        else:
            delta = record.diff_against(previous, excluded_fields=sorted(INTERNAL_FIELDS & _history_fields(record)))
            changes = [
                (
                    display.field_label(application, c.field),
                    display.display_value(application, c.field, c.old),
                    display.display_value(application, c.field, c.new),
                )
                for c in delta.changes
            ]
        kind = {"+": _("创建"), "~": _("修改"), "-": _("删除")}.get(record.history_type, record.history_type)
        result.append(HistoryChange(record.history_date, record.history_user, kind, changes))
    return result


def eligibility_verdict(application: Application) -> dict | None:
    """The eligibility engine's answer for the application's facts, judged on the day it was submitted."""
    from applications.services import judged_on
    from regulations.eligibility import evaluate
    from regulations.facts import FactsError

    # As of the day the file was first received: it keeps that day's version for life.
    facts = application.policy.facts_for(application, as_of=judged_on(application))
    try:
        return evaluate(facts, language=get_language(), consult_register=True)
    except FactsError as exc:
        return {"error": _("认定事实有误，无法预审：%(error)s") % {"error": exc}}


CONSULTATION_RELATED = ("department", "answered_by")


def consultations_for(application: Application):
    # Through the application's own manager: each consultation knows its application without a query.
    rows = prefetched(application, "consultations")
    return list(rows if rows is not None else application.consultations.select_related(*CONSULTATION_RELATED))


def application_fields(application: Application) -> list[tuple[str, object]]:
    """Every field a person may read, labelled, in the form's order; internal fields left out."""
    from applications import display

    rows = [row for _title, section in display.application_sections(application) for row in section]
    return rows + display.other_fields(application)


@dataclass(frozen=True)
class OpinionsProgress:
    answered: int
    total: int

    @property
    def all_back(self) -> bool:
        return self.total > 0 and self.answered == self.total


def opinions_progress(application_ids) -> dict[int, OpinionsProgress]:
    """Per application: how many consulted departments have answered, in one query for a queue page."""
    from django.db.models import Count

    rows = (
        Consultation.objects.filter(application_id__in=list(application_ids))
        .values("application_id")
        .annotate(total=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)))
    )
    return {row["application_id"]: OpinionsProgress(row["answered"], row["total"]) for row in rows}


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
