"""Who may see which applications; other apps (reviews, certificates) reuse these rules."""

from django.db.models import Q, QuerySet

from accounts import roles
from applications import states as s
from applications.models import Application, Material
from regulations.policies import all_policies, policy_for, policy_or_none


def is_staff_for(user, regulation_code: str) -> bool:
    policy = policy_or_none(regulation_code)
    if policy is None or not user.is_authenticated:
        return False
    return user.has_role(*policy.staff_roles)


def _applies_as_employer(application) -> bool:
    return policy_for(application).applicant_role == roles.EMPLOYER


def is_employer_of(user, application: Application) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.organisation_id == application.organisation_id
        and user.has_role(roles.EMPLOYER)
    )


def is_talent_of(user, application: Application) -> bool:
    return user.is_authenticated and application.talent_id == user.pk and user.has_role(roles.TALENT)


def can_view_application(user, application: Application) -> bool:
    """The employer's organisation, the talent it belongs to, and the regulation's bureau staff."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if is_staff_for(user, application.regulation_code):
        return True
    if is_talent_of(user, application):
        return True
    if is_employer_of(user, application):
        # Where the talent applies, the draft is the talent's own until the talent sends it to the employer.
        if not _applies_as_employer(application) and application.state == s.DRAFT:
            return False
        return True
    return False


def can_edit_application(user, application: Application) -> bool:
    """The applicant side (Beihai: the employer; Nanning: the talent) while the file is a draft or returned."""
    if application.state not in s.EDITABLE_STATES:
        return False
    if _applies_as_employer(application):
        return is_employer_of(user, application)
    return is_talent_of(user, application)


def can_withdraw(user, application: Application) -> bool:
    """Withdrawing is open to the applicant side until the bureau (or the Nanning employer) acts on it."""
    if application.state not in (s.DRAFT, s.RETURNED, s.SUBMITTED):
        return False
    if _applies_as_employer(application):
        return is_employer_of(user, application)
    return is_talent_of(user, application)


def portal_applications(user) -> QuerySet[Application]:
    """The applications the portal lists for an employer or a talent (never staff's whole queue)."""
    if not user.is_authenticated:
        return Application.objects.none()
    condition = Q(talent=user) if user.has_role(roles.TALENT) else Q(pk__in=[])
    if user.organisation_id and user.has_role(roles.EMPLOYER):
        talent_applies = [p.code for p in all_policies() if p.applicant_role != roles.EMPLOYER]
        condition |= Q(organisation_id=user.organisation_id) & ~Q(regulation_code__in=talent_applies, state=s.DRAFT)
    return (
        Application.objects.filter(condition)
        .select_related("organisation", "regulation_version", "criterion")
        .order_by("-updated_at")
    )


def current_materials(application: Application) -> QuerySet[Material]:
    return application.materials.filter(is_current=True).order_by("material_code", "-uploaded_at")


def visible_timeline(application: Application):
    return application.transition_logs.select_related("by").order_by("at", "id")
