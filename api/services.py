"""Creating, checking and revoking API tokens. The secret is returned once and never stored.

Every creation and revocation is a row in the access log (audit.services.access_record): a token opens
people's files, so who issued or withdrew one, when, for which organisation, is evidence like a read.
The row names the token by id and prefix; the secret is never written anywhere.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from audit.models import AccessAction

TOKEN_PREFIX = "tp"
# last_used_at is written at most this often per token, so that a busy integration does not write on every call.
LAST_USED_RESOLUTION_SECONDS = 60


class TokenRefused(Exception):
    """A token action the user may not take; `message` is translated and safe to show."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the user once, then gone


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_kind_for(user) -> str | None:
    """ "organisation" for an employer user, "staff" for bureau staff, None for anyone else."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    from applications.access import is_staff_user

    if is_staff_user(user):
        return "staff"
    if user.is_employer:
        return "organisation"
    return None


def tokens_visible_to(user) -> QuerySet[ApiToken]:
    """Staff see their own tokens; an employer sees every token of the organisation."""
    kind = token_kind_for(user)
    if kind is None:
        return ApiToken.objects.none()
    condition = Q(user=user, organisation__isnull=True)
    if kind == "organisation":
        condition = Q(organisation_id=user.organisation_id)
    return ApiToken.objects.filter(condition).select_related("user", "revoked_by")


def _audit_repr(token: ApiToken) -> str:
    """How the access log names a token: prefix, purpose, and whose it is (never the secret)."""
    if token.organisation_id is None:
        owner = f"staff {token.user.email}"
    else:
        organisation = token.organisation
        owner = f"{organisation.name} ({organisation.credit_code}, #{organisation.pk})"
    return f"{token.prefix}… {token.name} · {owner}"


def _audit(token: ApiToken, *, by, action: str, request=None) -> None:
    from audit.services import access_record

    access_record(user=by, action=action, obj=token, request=request, object_repr=_audit_repr(token))


@transaction.atomic
def token_create(*, user, name: str, request=None) -> IssuedToken:
    kind = token_kind_for(user)
    if kind is None:
        raise TokenRefused(_("只有用人单位账户和审核部门工作人员可以创建接口令牌。"), code="forbidden")
    name = (name or "").strip()
    if not name:
        raise TokenRefused(_("请填写令牌的用途，例如“人事系统批量申报”。"), code="name_required")
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user=user,
        organisation_id=user.organisation_id if kind == "organisation" else None,
        name=name[:100],
        prefix=prefix,
        key_hash=_hash(secret),
    )
    token._history_user = user
    token.save()
    _audit(token, by=user, action=AccessAction.TOKEN_CREATED, request=request)
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, by, request=None) -> ApiToken:
    """Revokes the token (`by` must see it); revoking an already revoked token changes and records nothing."""
    locked = tokens_visible_to(by).select_related(None).select_for_update().filter(pk=token.pk).first()
    if locked is None:
        raise TokenRefused(_("您不能吊销该令牌。"), code="forbidden")
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked._history_user = by
        locked.save()
        _audit(locked, by=by, action=AccessAction.TOKEN_REVOKED, request=request)
    return locked


def token_user(secret: str):
    """The user a presented secret acts as, or None when it is unknown, revoked, or its owner lost the right."""
    parts = (secret or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    user = token.user
    kind = token_kind_for(user)
    if kind is None:
        return None
    if token.organisation_id is not None and (kind != "organisation" or user.organisation_id != token.organisation_id):
        return None
    if token.organisation_id is None and kind != "staff":
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
        # A usage timestamp, not a change of the token: excluded from its history on purpose, so that an
        # integration calling every second does not bury the creation and revocation rows.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    user.api_token = token
    return user
