"""Who is told about each transition: the one table, keyed by transition code.

Parties are resolved from the application and the roles, never listed by name:
- NEXT: whoever must act now. Asked of the state machine itself: the users whose role the `permission=`
  of a transition leaving the new state allows (conditions ignored: "not yet" is still "yours");
  during a Beihai consultation, the consulted departments' users.
- APPLICANT / EMPLOYER / TALENT: the file's own people (Beihai: the employer applies; Nanning: the talent).
The user who took the action is never told about it.
"""

from dataclasses import dataclass

from accounts import roles
from applications import states as s

NEXT = "next"
EMPLOYER = "employer"
TALENT = "talent"

# Parties per transition. The applicant side and the person concerned are told of every change of their
# file; NEXT only where a person, not the calendar, moves the file on.
TRANSITION_PARTIES = {
    s.T_SUBMIT: (NEXT, EMPLOYER, TALENT),
    s.T_RESUBMIT: (NEXT, EMPLOYER, TALENT),
    s.T_WITHDRAW: (EMPLOYER, TALENT),
    s.T_EMPLOYER_RECOMMEND: (NEXT, TALENT),
    s.T_EMPLOYER_RETURN: (TALENT,),
    s.T_ACCEPT: (NEXT, EMPLOYER, TALENT),
    s.T_RETURN: (EMPLOYER, TALENT),
    s.T_REFUSE: (EMPLOYER, TALENT),
    s.T_FORWARD: (NEXT, EMPLOYER, TALENT),
    s.T_FINISH_CONSULTATION: (NEXT,),
    s.T_APPROVE: (NEXT, EMPLOYER, TALENT),
    s.T_APPROVE_FOR_NOTICE: (EMPLOYER, TALENT),
    s.T_CLOSE_NOTICE: (NEXT, EMPLOYER, TALENT),
    s.T_REFUSE_AFTER_OBJECTION: (EMPLOYER, TALENT),
    s.T_ISSUE_CERTIFICATE: (EMPLOYER, TALENT),
    s.T_REVOKE: (EMPLOYER, TALENT),
    s.T_EXPIRE: (EMPLOYER, TALENT),
    s.T_SUPERSEDE: (EMPLOYER, TALENT),
    s.T_OVERTURN_ON_APPEAL: (NEXT, EMPLOYER, TALENT),
}

# Transitions that move a file on; the ones that end or undo it (withdraw, refuse, revoke …) are
# open to the same people and would only widen "who must act" to everyone who could stop it.
_MOVING_ON = {
    s.T_EMPLOYER_RECOMMEND,
    s.T_ACCEPT,
    s.T_FORWARD,
    s.T_FINISH_CONSULTATION,
    s.T_APPROVE,
    s.T_APPROVE_FOR_NOTICE,
    s.T_ISSUE_CERTIFICATE,
}


@dataclass(frozen=True)
class Recipient:
    """A user, or an address without an account (then `language` empty means: write in both languages)."""

    user: object = None
    email: str = ""
    language: str = ""
    must_act: bool = False

    @property
    def key(self):
        return ("u", self.user.pk) if self.user is not None else ("e", self.email.lower())


# Conditions that say "not yet" (materials still to come, opinions still out, the notice still running):
# whoever holds the next step is told now, before they hold. Every other condition (which regulation,
# which desk) decides whether the step is theirs at all.
_WAITING_CONDITIONS = {
    "has_required_materials",
    "consultations_all_answered",
    "notice_period_over_without_upheld_objection",
    "has_overturning_appeal",
}


def _transitions_leaving(application, state: str) -> list:
    """(code, fsm meta) of the moving-on transitions from `state` that apply to this file."""
    found = []
    for code in _MOVING_ON:
        meta = getattr(getattr(type(application), code, None), "_django_fsm", None)
        transition = meta.get_transition(state) if meta is not None else None
        if transition is None:
            continue
        if all(
            condition(application)
            for condition in transition.conditions
            if getattr(condition, "__name__", "") not in _WAITING_CONDITIONS
        ):
            found.append((code, meta))
    return found


def next_actors(application) -> list:
    """The users who must act on `application` in its current state."""
    from accounts.models import User

    if application.state == s.CONSULTATION:
        department_ids = list(
            application.consultations.filter(answered_at__isnull=True).values_list("department_id", flat=True)
        )
        return list(
            User.objects.filter(
                is_active=True, department_id__in=department_ids, groups__name__in=roles.CONSULTED_ROLES
            ).distinct()
        )
    leaving = _transitions_leaving(application, application.state)
    if not leaving:
        return []
    candidates = User.objects.filter(is_active=True).filter(
        groups__name__in=[r for r in roles.STAFF_ROLES if r not in roles.CONSULTED_ROLES]
    )
    if application.organisation_id:
        candidates = candidates | User.objects.filter(
            is_active=True, organisation_id=application.organisation_id, groups__name=roles.EMPLOYER
        )
    actors = []
    for user in candidates.distinct().order_by("pk"):
        if any(meta.has_transition_perm(application, application.state, user) for _code, meta in leaving):
            actors.append(user)
    return actors


def employer_users(application) -> list:
    from accounts.models import User

    if not application.organisation_id:
        return []
    return list(
        User.objects.filter(
            is_active=True, organisation_id=application.organisation_id, groups__name=roles.EMPLOYER
        ).distinct()
    )


def talent_recipients(application) -> list[Recipient]:
    if application.talent_id:
        return [Recipient(user=application.talent)] if application.talent.is_active else []
    if application.talent_email:
        return [Recipient(email=application.talent_email)]
    return []


# A draft withdrawn before anyone else saw it concerns no one else.
SILENT = {(s.T_WITHDRAW, s.DRAFT)}


def transition_recipients(application, transition: str, *, by=None, from_state: str = "") -> list[Recipient]:
    """Everyone `transition` (just taken on `application`) must tell, each once, the actor left out, and
    only people who may open the file (applications.access is asked)."""
    from applications.access import can_view

    if (transition, from_state) in SILENT:
        return []
    found: dict = {}

    def add(recipient: Recipient):
        if by is not None and recipient.user is not None and recipient.user.pk == by.pk:
            return
        if recipient.user is not None and not can_view(recipient.user, application):
            return
        previous = found.get(recipient.key)
        if previous is None or (recipient.must_act and not previous.must_act):
            found[recipient.key] = recipient

    for party in TRANSITION_PARTIES.get(transition, ()):
        if party == NEXT:
            for user in next_actors(application):
                add(Recipient(user=user, must_act=True))
        elif party == EMPLOYER:
            for user in employer_users(application):
                add(Recipient(user=user))
        elif party == TALENT:
            for recipient in talent_recipients(application):
                add(recipient)
    return list(found.values())


def users_who_may(application, transition: str) -> list:
    """Active staff and employer users whose role the `permission=` of `transition` allows on `application`."""
    from accounts.models import User

    meta = getattr(getattr(type(application), transition, None), "_django_fsm", None)
    if meta is None:
        return []
    candidates = User.objects.filter(is_active=True, groups__name__in=roles.STAFF_ROLES + [roles.EMPLOYER]).distinct()
    state = application.state
    return [user for user in candidates.order_by("pk") if meta.has_transition_perm(application, state, user)]


def users_allowed(application, permission) -> list:
    """Active staff users for whom `permission(application, user)` (an applications.permissions rule) holds."""
    from accounts.models import User

    candidates = User.objects.filter(is_active=True, groups__name__in=roles.STAFF_ROLES).distinct().order_by("pk")
    return [user for user in candidates if permission(application, user)]
