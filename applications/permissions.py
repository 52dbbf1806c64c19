"""Who may take which transition: the FSM's `permission=` callables and the console's other acts.

The roles come from the regulation's policy (regulations.policies); whether a role applies to this file
comes from applications.access (`staff_roles_for` leaves out drafts, files of other regulations or of
departments not consulted, and files the user has a conflict of interest in). Nothing here names a
regulation.
"""

from applications import access
from applications import states as s
from regulations.policies import policy_for


def _acts_as(application, user, codes) -> bool:
    return bool(access.staff_roles_for(user, application) & set(codes))


def applicant_side(application, user) -> bool:
    """The regulation's applicant: Beihai the employer (Art. 4), Nanning the talent (Art. 7(一))."""
    return access.is_applicant_side(user, application)


def nanning_employer(application, user) -> bool:
    """The employer that checks and recommends its talent's file, where the regulation has that step."""
    return policy_for(application).employer_recommends and access.is_employer_of(user, application)


def first_reviewer(application, user) -> bool:
    return _acts_as(application, user, policy_for(application).reviewer_roles)


def decision_maker(application, user) -> bool:
    """Beihai SciTech approver; Nanning committee, or the leadership group for a case-by-case file."""
    return _acts_as(application, user, policy_for(application).decider_roles_for(application))


def refuser(application, user) -> bool:
    if application.state == s.SUBMITTED and policy_for(application).employer_recommends:
        return False  # the employer holds the file until it recommends or returns it
    if application.state in (s.SUBMITTED, s.RECOMMENDED, s.CONSULTATION):
        return first_reviewer(application, user)
    return decision_maker(application, user)


def nanning_committee(application, user) -> bool:
    """Who closes the public notice and decides objections (Nanning Art. 7(三), 8)."""
    return _acts_as(application, user, policy_for(application).notice_roles)


def issuer(application, user) -> bool:
    """Certificates are issued by the deciding body (Beihai SciTech approver, Nanning committee)."""
    return _acts_as(application, user, policy_for(application).issuer_roles)


def consulted_department(application, user, department_id) -> bool:
    """Beihai Art. 5: a user of the consulted department answers for it."""
    return (
        department_id is not None
        and user.department_id == department_id
        and _acts_as(application, user, policy_for(application).consulted_roles)
    )


def appeal_joint_department(application, user) -> bool:
    """Beihai Art. 13(三): the joint re-review departments give their opinion on an appeal."""
    policy = policy_for(application)
    return (
        policy.has_appeal
        and user.department is not None
        and user.department.code in policy.appeal_joint_departments
        and _acts_as(application, user, policy.consulted_roles)
    )


def tier_one_registrar(application, user) -> bool:
    """Nanning Art. 7(四): the talent bureau or the committee records the Tier I filing."""
    return _acts_as(application, user, policy_for(application).filing_roles)
