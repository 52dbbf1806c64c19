"""Who may see which applications; other apps (reviews, certificates) reuse these rules."""

from django.db.models import Q, QuerySet

from accounts import roles
from applications import states as s
from applications.models import Application, Material
from regulations.codes import BEIHAI, NANNING

STAFF_ROLE_PREFIX = {BEIHAI: "beihai-", NANNING: "nanning-"}


def is_staff_for(user, regulation_code: str) -> bool:
    prefix = STAFF_ROLE_PREFIX.get(regulation_code)
    if not prefix or not user.is_authenticated:
        return False
    return any(code.startswith(prefix) for code in user.role_codes() & set(roles.STAFF_ROLES))


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
        # A Nanning draft is the talent's own until the talent sends it to the employer.
        if application.regulation_code == NANNING and application.state == s.DRAFT:
            return False
        return True
    return False


def can_edit_application(user, application: Application) -> bool:
    """The applicant side (Beihai: the employer; Nanning: the talent) while the file is a draft or returned."""
    if application.state not in s.EDITABLE_STATES:
        return False
    if application.regulation_code == BEIHAI:
        return is_employer_of(user, application)
    return is_talent_of(user, application)


def can_withdraw(user, application: Application) -> bool:
    """Withdrawing is open to the applicant side until the bureau (or the Nanning employer) acts on it."""
    if application.state not in (s.DRAFT, s.RETURNED, s.SUBMITTED):
        return False
    if application.regulation_code == BEIHAI:
        return is_employer_of(user, application)
    return is_talent_of(user, application)


def portal_applications(user) -> QuerySet[Application]:
    """The applications the portal lists for an employer or a talent (never staff's whole queue)."""
    if not user.is_authenticated:
        return Application.objects.none()
    condition = Q(talent=user) if user.has_role(roles.TALENT) else Q(pk__in=[])
    if user.organisation_id and user.has_role(roles.EMPLOYER):
        condition |= Q(organisation_id=user.organisation_id) & ~Q(regulation_code=NANNING, state=s.DRAFT)
    return (
        Application.objects.filter(condition)
        .select_related("organisation", "regulation_version", "criterion")
        .order_by("-updated_at")
    )


def current_materials(application: Application) -> QuerySet[Material]:
    return application.materials.filter(is_current=True).order_by("material_code", "-uploaded_at")


def visible_timeline(application: Application):
    return application.transition_logs.select_related("by").order_by("at", "id")


def return_reasons(application: Application, *, include_hidden: bool = False) -> list:
    """The written reasons the file was returned or refused, newest last, for the applicant's pages."""
    logs = application.transition_logs.filter(to_state__in=[s.RETURNED, s.REFUSED]).exclude(reason="")
    if not include_hidden:
        logs = logs.filter(visible_to_applicant=True)
    return list(logs.order_by("at", "id"))
