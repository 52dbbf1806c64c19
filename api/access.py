"""Which applications an API caller may see: the web pages' rules, asked, never restated here."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from applications.models import Application
from applications.selectors import portal_applications
from reviews.selectors import is_staff_user, visible_applications


def applications_for(user) -> QuerySet[Application]:
    """What the portal lists for an employer or a talent, and what the staff console opens for staff."""
    if not user or not user.is_authenticated:
        return Application.objects.none()
    condition = Q(pk__in=portal_applications(user).values("pk"))
    if is_staff_user(user):
        condition |= Q(pk__in=visible_applications(user).values("pk"))
    return Application.objects.filter(condition)


def application_for(request, pk) -> Application:
    """The application, or 404 for anyone who may not see it (no hint that it exists)."""
    queryset = applications_for(request.user).select_related(
        "organisation", "regulation_version", "criterion", "talent", "created_by"
    )
    return get_object_or_404(queryset, pk=pk)


def sees_internal_timeline(user) -> bool:
    return is_staff_user(user)
