"""Writing the access log and the role-grant log."""

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from audit.models import AccessAction, AccessRecord, RoleChange, RoleGrant


def client_ip(request) -> str | None:
    """The address the request came from, read through the trusted proxies (the one rule: hardening.clientip)."""
    if request is None:
        return None
    from hardening.clientip import client_ip as real_client_ip

    return real_client_ip(request)


def _application_reference(obj) -> str:
    reference = getattr(obj, "reference", None)
    if reference is None:
        reference = getattr(getattr(obj, "application", None), "reference", "")
    return reference or ""


def access_record(*, user, action: str, obj, request=None, object_repr: str | None = None) -> AccessRecord:
    """One row: `user` did `action` (an AccessAction code) on `obj` (None: on the log itself, an export),
    from `request`'s address. `object_repr` replaces `str(obj)` where the row must say more (an API token's
    organisation); it is stored as given, so it must never hold a secret."""
    if action not in AccessAction.values:
        raise ValueError(f"unknown access action {action!r}")
    return AccessRecord.objects.create(
        user=user,
        user_email=user.email,
        user_roles=",".join(sorted(user.role_codes()))[:300],
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj) if obj is not None else "")[:200],
        application_reference=_application_reference(obj) if obj is not None else "",
        ip=client_ip(request),
        path=(request.get_full_path()[:300] if request is not None else ""),
    )


def role_name(code: str) -> str:
    """The role's name as the regulation writes it (the Chinese source label), kept with the code."""
    from accounts.roles import ROLE_LABELS

    label = ROLE_LABELS.get(code)
    if label is None:
        return code
    with translation.override("zh-hans"):
        return str(label)


def role_grant_record(*, user, role_code: str, change: str, by=None) -> RoleGrant:
    if change not in RoleChange.values:
        raise ValueError(f"unknown role change {change!r}")
    return RoleGrant.objects.create(
        user=user, role_code=role_code, role_name=role_name(role_code), change=change, by=by
    )
