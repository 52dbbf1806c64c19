"""Who may take each service-request transition: the requesting side, or the benefit's reviewer role."""


def requester_side(request, user) -> bool:
    """The recognition's employer users and its talent (the same people who see the recognition)."""
    application = request.application
    if application.talent_id is not None and application.talent_id == user.pk:
        return True
    return bool(getattr(user, "is_employer", False)) and user.organisation_id == application.organisation_id


def reviewer(request, user) -> bool:
    role = request.benefit.reviewer_role
    if not role or not user.has_role(role):
        return False
    # Separation of duties: never on a request of one's own organisation.
    return user.organisation_id is None or user.organisation_id != request.application.organisation_id
