"""Who may take which transition: `permission=` callables of the FSM. The roles come from the regulation's
policy (regulations.policies); nothing here names a regulation."""

from accounts import roles
from regulations.policies import policy_for


def _is_employer_of(application, user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.organisation_id is not None
        and user.organisation_id == application.organisation_id
        and user.has_role(roles.EMPLOYER)
    )


def _is_talent_of(application, user) -> bool:
    return bool(user and user.is_authenticated and application.talent_id == user.pk and user.has_role(roles.TALENT))


def applicant_side(application, user) -> bool:
    """The regulation's applicant: Beihai the employer (Art. 4), Nanning the talent (Art. 7(一))."""
    if not user or not user.is_authenticated:
        return False
    if policy_for(application).applicant_role == roles.EMPLOYER:
        return _is_employer_of(application, user)
    return _is_talent_of(application, user)


def nanning_employer(application, user) -> bool:
    """The employer that checks and recommends its talent's file, where the regulation has that step."""
    return policy_for(application).employer_recommends and _is_employer_of(application, user)


def first_reviewer(application, user) -> bool:
    return user.has_role(*policy_for(application).reviewer_roles)


def decision_maker(application, user) -> bool:
    """Beihai SciTech approver; Nanning committee, or the leadership group for a case-by-case file."""
    return user.has_role(*policy_for(application).decider_roles_for(application))


def refuser(application, user) -> bool:
    from applications import states

    if application.state == states.SUBMITTED and policy_for(application).employer_recommends:
        return False  # the employer holds the file until it recommends or returns it
    if application.state in (states.SUBMITTED, states.RECOMMENDED, states.CONSULTATION):
        return first_reviewer(application, user)
    return decision_maker(application, user)


def nanning_committee(application, user) -> bool:
    """Who closes the public notice and decides objections (Nanning Art. 7(三), 8)."""
    return user.has_role(*policy_for(application).notice_roles)


def issuer(application, user) -> bool:
    """Certificates are issued by the deciding body (Beihai SciTech approver, Nanning committee)."""
    return user.has_role(*policy_for(application).issuer_roles)
