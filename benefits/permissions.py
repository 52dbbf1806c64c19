"""Who may take each service-request transition: the requesting side, or the benefit's reviewer role."""

from applications import access


def requester_side(request, user) -> bool:
    """The recognition's employer users and its talent (the same people who see the recognition)."""
    return access.is_owner(user, request.application)


def reviewer(request, user) -> bool:
    from benefits import states as rs

    role = request.benefit.reviewer_role
    if request.state == rs.DRAFT or not role or not user.is_authenticated or not user.has_role(role):
        return False  # a draft is the requesting side's own business
    # Separation of duties: never on a request of one's own organisation or about oneself.
    return not access.has_conflict_of_interest(user, request.application)
