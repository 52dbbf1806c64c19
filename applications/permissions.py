"""Who may take which transition: `permission=` callables of the FSM, keyed on role codes."""

from accounts import roles
from regulations.codes import BEIHAI, NANNING, NN_CASE


def _is_applicant_side(application, user) -> bool:
    """Beihai: the employer applies. Nanning: the talent applies."""
    if not user or not user.is_authenticated:
        return False
    if application.regulation_code == BEIHAI:
        return user.organisation_id == application.organisation_id and user.has_role(roles.EMPLOYER)
    return application.talent_id == user.pk and user.has_role(roles.TALENT)


def _is_employer_of(application, user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.organisation_id is not None
        and user.organisation_id == application.organisation_id
        and user.has_role(roles.EMPLOYER)
    )


def nobody(application, user) -> bool:
    """Transitions only the system takes (scheduled jobs call them with check_permission=False)."""
    return False


def applicant_side(application, user) -> bool:
    return _is_applicant_side(application, user)


def nanning_employer(application, user) -> bool:
    return application.regulation_code == NANNING and _is_employer_of(application, user)


def first_reviewer(application, user) -> bool:
    """Beihai SciTech preliminary reviewer, or Nanning Organisation and Talent Bureau reviewer."""
    if application.regulation_code == BEIHAI:
        return user.has_role(roles.BEIHAI_SCITECH_REVIEWER)
    return user.has_role(roles.NANNING_TALENT_BUREAU_REVIEWER)


def decision_maker(application, user) -> bool:
    """Beihai SciTech approver; Nanning committee, or the leadership group for NN-CASE."""
    if application.regulation_code == BEIHAI:
        return user.has_role(roles.BEIHAI_SCITECH_APPROVER)
    if application.criterion_code == NN_CASE:
        return user.has_role(roles.NANNING_LEADERSHIP_GROUP)
    return user.has_role(roles.NANNING_COMMITTEE_APPROVER)


def refuser(application, user) -> bool:
    from applications import states

    if application.state == states.SUBMITTED and application.regulation_code == NANNING:
        return False  # the employer holds a Nanning file until it recommends or returns it
    if application.state in (states.SUBMITTED, states.RECOMMENDED, states.CONSULTATION):
        return first_reviewer(application, user)
    return decision_maker(application, user)


def nanning_committee(application, user) -> bool:
    return application.regulation_code == NANNING and user.has_role(
        roles.NANNING_COMMITTEE_APPROVER, roles.NANNING_LEADERSHIP_GROUP
    )


def issuer(application, user) -> bool:
    """Certificates are issued by the deciding body (Beihai SciTech approver, Nanning committee)."""
    if application.regulation_code == BEIHAI:
        return user.has_role(roles.BEIHAI_SCITECH_APPROVER)
    return user.has_role(roles.NANNING_COMMITTEE_APPROVER, roles.NANNING_LEADERSHIP_GROUP)
