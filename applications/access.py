"""Who may see and act on which application: the one rule. The portal, the staff console, material,
form and certificate downloads and the state machine's `permission=` callables all ask this module.

- The applicant side sees its own files, drafts included: the employer's users see their organisation's
  files (a Nanning draft only once the talent has sent it), a talent sees the files about them.
- A regulation's office (its policy's office roles: Beihai SciTech; the Nanning talent bureau, committee,
  leadership group) sees that regulation's files once submitted; a consulted department sees only the files
  it was consulted on (the joint re-review departments also the files under appeal). Drafts are never
  staff business.
- Separation of duties: nobody acts as staff on a file of their own organisation or about themselves.
- Every read by staff is recorded in the access log (PIPL) and needs a confirmed second factor when
  `STAFF_REQUIRE_OTP` is on.
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404

from accounts import roles
from applications import states as s
from regulations.policies import all_policies, policy_for

# What a request wants the file for; the staff purposes are also the access-log actions.
VIEW = "view"  # a page showing the file
CONSOLE = "console"  # the staff console's page of the file (recorded as a view)
ACT = "act"  # a staff action on the file (POST in the console)
MATERIAL = "material"  # an uploaded material
FORM = "form"  # the printed application form
CERTIFICATE = "certificate"  # the certificate PDF
EVIDENCE = "evidence"  # an objection's evidence
OWN = "own"  # the applicant side's own pages (edit, submit, withdraw …): never staff
STAFF_ONLY_PURPOSES = {CONSOLE, ACT, EVIDENCE}
PURPOSES = {VIEW, CONSOLE, ACT, MATERIAL, FORM, CERTIFICATE, EVIDENCE, OWN}


class StaffVerificationRequired(Exception):
    """Staff reached a person's file without a confirmed second factor; the OTP middleware redirects."""


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# ---------------------------------------------------------------- the applicant side


def is_employer_of(user, application) -> bool:
    """A user of the application's employer organisation, in the employer role."""
    return (
        _signed_in(user)
        and user.organisation_id is not None
        and user.organisation_id == application.organisation_id
        and user.has_role(roles.EMPLOYER)
    )


def is_talent_of(user, application) -> bool:
    return _signed_in(user) and application.talent_id == user.pk and user.has_role(roles.TALENT)


def _employer_applies(application) -> bool:
    return policy_for(application).applicant_role == roles.EMPLOYER


def is_applicant_side(user, application) -> bool:
    """The regulation's applicant (its policy): Beihai the employer for its foreign employee, Nanning the talent."""
    if _employer_applies(application):
        return is_employer_of(user, application)
    return is_talent_of(user, application)


def is_owner(user, application) -> bool:
    """The file is the user's own business (employer side or talent), drafts included."""
    if is_talent_of(user, application):
        return True
    if is_employer_of(user, application):
        # Where the talent applies, the draft is the talent's own until the talent sends it to the employer.
        return _employer_applies(application) or application.state != s.DRAFT
    return False


def can_edit(user, application) -> bool:
    """The applicant side while the file is a draft or returned for correction."""
    return application.state in s.EDITABLE_STATES and is_applicant_side(user, application)


def can_withdraw(user, application) -> bool:
    """Open to the applicant side until the bureau (or the Nanning employer) acts on it."""
    return application.state in (s.DRAFT, s.RETURNED, s.SUBMITTED) and is_applicant_side(user, application)


# ---------------------------------------------------------------- an organisation's business licence


def is_of_organisation(user, organisation) -> bool:
    return _signed_in(user) and user.organisation_id is not None and user.organisation_id == organisation.pk


def can_upload_licence(user, organisation) -> bool:
    """An employer user of the organisation puts (and replaces) its business licence on file."""
    return is_of_organisation(user, organisation) and user.has_role(roles.EMPLOYER)


def checks_organisations(user) -> bool:
    """Staff who verify organisations against their business licence (or a superuser)."""
    return _signed_in(user) and (user.is_superuser or user.has_role(*roles.ORGANISATION_CHECKER_ROLES))


def can_check_licence(user, organisation) -> bool:
    """A checker reads and checks the licence, never their own organisation's (separation of duties)."""
    return checks_organisations(user) and not is_of_organisation(user, organisation)


# ---------------------------------------------------------------- staff


def is_staff_user(user) -> bool:
    """Holds a bureau role (an office, a consulted department, or the auditor)."""
    return _signed_in(user) and user.has_role(*roles.STAFF_ROLES)


def can_read_access_log(user) -> bool:
    """The PIPL access log is read by auditors only (in the console; nobody edits it)."""
    return _signed_in(user) and user.has_role(roles.AUDITOR)


def has_conflict_of_interest(user, application) -> bool:
    """Separation of duties: the file is about the user, or from the organisation the user belongs to."""
    if not _signed_in(user):
        return False
    if application.talent_id is not None and application.talent_id == user.pk:
        return True
    return user.organisation_id is not None and user.organisation_id == application.organisation_id


def staff_roles_for(user, application) -> frozenset[str]:
    """The user's staff roles that apply to this application now (empty: no staff business with it)."""
    if not _signed_in(user) or application.state == s.DRAFT or has_conflict_of_interest(user, application):
        return frozenset()
    cache = application.__dict__.setdefault("_staff_roles_cache", {})
    key = (user.pk, application.state)
    if key not in cache:
        policy = policy_for(application)
        held = user.role_codes()
        applying = held & set(policy.office_roles)
        consulted = held & set(policy.consulted_roles)
        if consulted and user.department_id and _department_involved(user, application, policy):
            applying |= consulted
        cache[key] = frozenset(applying)
    return cache[key]


def _department_involved(user, application, policy) -> bool:
    """Consulted on this file, or one of the departments that re-review it jointly on appeal."""
    if application.consultations.filter(department_id=user.department_id).exists():
        return True
    return (
        policy.has_appeal and user.department.code in policy.appeal_joint_departments and application.appeals.exists()
    )


def _staff_condition(user) -> Q:
    """The staff part of the rule as a query (mirrors staff_roles_for for whole querysets)."""
    from applications.models import Application

    held = user.role_codes()
    condition = Q(pk__in=[])
    for policy in all_policies():
        regulation = Q(regulation_code=policy.code)
        if held & set(policy.office_roles):
            condition |= regulation
        if held & set(policy.consulted_roles) and user.department_id:
            involved = Q(consultations__department_id=user.department_id)
            if policy.has_appeal and user.department.code in policy.appeal_joint_departments:
                involved |= Q(appeals__isnull=False)
            condition |= regulation & Q(pk__in=Application.objects.filter(involved).values("pk"))
    return condition & ~Q(state=s.DRAFT) & ~conflict_condition(user)


def conflict_condition(user, *, through: str = "") -> Q:
    """has_conflict_of_interest as a query on applications (`through`: the path to the application)."""
    conflict = Q(**{f"{through}talent_id": user.pk})
    if user.organisation_id:
        conflict |= Q(**{f"{through}organisation_id": user.organisation_id})
    return conflict


def _owner_condition(user) -> Q:
    condition = Q(pk__in=[])
    if user.has_role(roles.TALENT):
        condition |= Q(talent_id=user.pk)
    if user.organisation_id and user.has_role(roles.EMPLOYER):
        talent_applies = [p.code for p in all_policies() if p.applicant_role != roles.EMPLOYER]
        condition |= Q(organisation_id=user.organisation_id) & ~Q(regulation_code__in=talent_applies, state=s.DRAFT)
    return condition


def applications_owned_by(user):
    """The files that are the user's own business (what the portal lists), never staff's queue."""
    from applications.models import Application

    if not _signed_in(user):
        return Application.objects.none()
    return Application.objects.filter(_owner_condition(user))


def applications_staff_may_see(user):
    """The files the user may open in the staff console."""
    from applications.models import Application

    if not is_staff_user(user):
        return Application.objects.none()
    return Application.objects.filter(_staff_condition(user))


def applications_visible_to(user):
    """Every application the user may open, as owner or as staff."""
    from applications.models import Application

    if not _signed_in(user):
        return Application.objects.none()
    condition = _owner_condition(user)
    if is_staff_user(user):
        condition |= _staff_condition(user)
    return Application.objects.filter(condition)


def can_view(user, application) -> bool:
    return is_owner(user, application) or bool(staff_roles_for(user, application))


def staff_capacity(user, application) -> bool:
    """The user reaches this file as staff (not as its owner): recorded, and behind the second factor."""
    return not is_owner(user, application) and bool(staff_roles_for(user, application))


def staff_verification_missing(request) -> bool:
    """Staff must have confirmed a TOTP device in this session when STAFF_REQUIRE_OTP is on."""
    if not getattr(settings, "STAFF_REQUIRE_OTP", False):
        return False
    verified = getattr(request.user, "is_verified", None)
    return not (callable(verified) and verified())


def application_for(request, pk, *, purpose: str = VIEW, obj=None, related: tuple[str, ...] = ()):
    """The application `pk` if the requester may use it for `purpose`, else 404 (no hint that it exists).

    Staff purposes (`console`, `act`, `evidence`) need a staff role on the file, `own` needs the file to
    be the requester's own; the others are open to both. A read by staff is recorded in the access log
    with `obj` (the material, certificate …) or the application itself. `related`: further one-to-one
    relations the caller's page shows, read in the same query.
    """
    from applications.models import Application

    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    application = (
        Application.objects.select_related(
            "organisation", "regulation_version", "criterion", "talent", "created_by", *related
        )
        .filter(pk=pk)
        .first()
    )
    user = request.user
    if application is None:
        raise Http404
    as_staff = staff_capacity(user, application)
    if purpose in STAFF_ONLY_PURPOSES:
        allowed = bool(staff_roles_for(user, application))
        as_staff = allowed
    elif purpose == OWN:
        allowed = is_owner(user, application)
        as_staff = False
    else:
        allowed = can_view(user, application)
    if not allowed:
        raise Http404
    if as_staff:
        staff_read(request, obj if obj is not None else application, action=VIEW if purpose == CONSOLE else purpose)
    return application


def staff_read(request, obj, *, action: str) -> None:
    """Staff are about to read `obj` (part of a person's file): second factor first, then the access log."""
    if staff_verification_missing(request):
        raise StaffVerificationRequired
    from audit.services import access_record

    access_record(user=request.user, action=action, obj=obj, request=request)
