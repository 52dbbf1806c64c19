"""Who may take which transition: the FSM's `permission=` callables and the console's other acts.

Each asks applications.access: the applicant side, or a staff role that applies to this file
(`staff_roles_for`, which already leaves out drafts, files of other regulations or departments, and
files the user has a conflict of interest in).
"""

from accounts import roles
from applications import access
from applications import states as s
from regulations.codes import BEIHAI, NANNING, NN_CASE


def _acts_as(application, user, *codes: str) -> bool:
    return bool(access.staff_roles_for(user, application) & set(codes))


def applicant_side(application, user) -> bool:
    return access.is_applicant_side(user, application)


def nanning_employer(application, user) -> bool:
    return application.regulation_code == NANNING and access.is_employer_of(user, application)


def first_reviewer(application, user) -> bool:
    """Beihai SciTech preliminary reviewer, or Nanning Organisation and Talent Bureau reviewer."""
    if application.regulation_code == BEIHAI:
        return _acts_as(application, user, roles.BEIHAI_SCITECH_REVIEWER)
    return _acts_as(application, user, roles.NANNING_TALENT_BUREAU_REVIEWER)


def decision_maker(application, user) -> bool:
    """Beihai SciTech approver; Nanning committee, or the leadership group for NN-CASE."""
    if application.regulation_code == BEIHAI:
        return _acts_as(application, user, roles.BEIHAI_SCITECH_APPROVER)
    if application.criterion_code == NN_CASE:
        return _acts_as(application, user, roles.NANNING_LEADERSHIP_GROUP)
    return _acts_as(application, user, roles.NANNING_COMMITTEE_APPROVER)


def refuser(application, user) -> bool:
    if application.state == s.SUBMITTED and application.regulation_code == NANNING:
        return False  # the employer holds a Nanning file until it recommends or returns it
    if application.state in (s.SUBMITTED, s.RECOMMENDED, s.CONSULTATION):
        return first_reviewer(application, user)
    return decision_maker(application, user)


def nanning_committee(application, user) -> bool:
    return application.regulation_code == NANNING and _acts_as(
        application, user, roles.NANNING_COMMITTEE_APPROVER, roles.NANNING_LEADERSHIP_GROUP
    )


def issuer(application, user) -> bool:
    """Certificates are issued by the deciding body (Beihai SciTech approver, Nanning committee)."""
    if application.regulation_code == BEIHAI:
        return _acts_as(application, user, roles.BEIHAI_SCITECH_APPROVER)
    return _acts_as(application, user, roles.NANNING_COMMITTEE_APPROVER, roles.NANNING_LEADERSHIP_GROUP)


def consulted_department(application, user, department_id) -> bool:
    """Beihai Art. 5: a user of the consulted department answers for it."""
    return (
        department_id is not None
        and user.department_id == department_id
        and _acts_as(application, user, *roles.CONSULTED_ROLES)
    )


def appeal_joint_department(application, user) -> bool:
    """Beihai Art. 13(3): Public Security and Administrative Approval give their re-review opinion."""
    return (
        application.regulation_code == BEIHAI
        and user.department is not None
        and user.department.code in roles.APPEAL_JOINT_DEPARTMENTS
        and _acts_as(application, user, roles.BEIHAI_APPROVAL_BUREAU, roles.BEIHAI_PUBLIC_SECURITY)
    )


def tier_one_registrar(application, user) -> bool:
    """Nanning Tier I filing and talent card: the talent bureau or the committee records them."""
    return application.regulation_code == NANNING and _acts_as(
        application, user, roles.NANNING_TALENT_BUREAU_REVIEWER, roles.NANNING_COMMITTEE_APPROVER
    )
