"""Account actions: registering employers and talents, verifying addresses, inviting colleagues."""

import secrets
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import Invitation, Organisation, User
from talentportal.site import absolute_url

VERIFY_SALT = "accounts.email-verification"
VERIFY_MAX_AGE = 7 * 24 * 3600
INVITATION_DAYS = 14


def _absolute(path: str) -> str:
    return absolute_url(path)


def _add_role(user: User, code: str) -> None:
    user.groups.add(Group.objects.get(name=code))
    user._role_codes = None


def email_verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def email_verification_send(*, user: User) -> None:
    link = _absolute(reverse("accounts:verify_email", args=[email_verification_token(user)]))
    body = _("您好，%(name)s：\n\n请打开以下链接验证您的电子邮箱（7天内有效）：\n%(link)s\n\n人才认定服务平台") % {
        "name": user.get_full_name(),
        "link": link,
    }
    transaction.on_commit(lambda: send_mail(_("请验证您的电子邮箱"), body, None, [user.email], fail_silently=False))


def email_verify(*, token: str) -> User:
    """Mark the address in `token` verified; raise ValidationError with a readable reason otherwise."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(_("验证链接已过期，请登录后重新发送验证邮件。"), code="expired") from None
    except signing.BadSignature:
        raise ValidationError(_("验证链接无效。"), code="invalid") from None
    user = User.objects.filter(pk=data.get("u"), email__iexact=data.get("e", "")).first()
    if user is None:
        raise ValidationError(_("验证链接无效。"), code="invalid")
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def employer_register(
    *,
    organisation_name: str,
    credit_code: str,
    address: str,
    in_beihai: bool,
    in_nanning_ftz: bool,
    contact_person: str,
    contact_phone: str,
    email: str,
    full_name: str,
    password: str,
) -> User:
    """Create the organisation and its first employer user; further users join by invitation."""
    organisation = Organisation(
        name=organisation_name.strip(),
        credit_code=credit_code,
        address=address.strip(),
        in_beihai=in_beihai,
        in_nanning_ftz=in_nanning_ftz,
        contact_person=contact_person.strip(),
        contact_phone=contact_phone.strip(),
    )
    organisation.full_clean()
    organisation.save()
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        phone=contact_phone.strip(),
        organisation=organisation,
    )
    _add_role(user, roles.EMPLOYER)
    email_verification_send(user=user)
    return user


@transaction.atomic
def talent_register(*, email: str, full_name: str, phone: str, password: str) -> User:
    user = User.objects.create_user(email=email, password=password, full_name=full_name.strip(), phone=phone.strip())
    _add_role(user, roles.TALENT)
    email_verification_send(user=user)
    return user


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, by: User) -> Invitation:
    if by.organisation_id != organisation.pk or not by.has_role(roles.EMPLOYER):
        raise ValidationError(_("只有本单位的用户可以邀请同事。"), code="forbidden")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("该电子邮箱已注册账户，不能再次邀请。"), code="exists")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        token=secrets.token_urlsafe(32),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    link = _absolute(reverse("accounts:accept_invitation", args=[invitation.token]))
    body = _(
        "%(who)s 邀请您加入“%(org)s”在人才认定服务平台的单位账户。\n请在%(days)d天内打开以下链接设置密码：\n%(link)s"
    ) % {
        "who": by.get_full_name(),
        "org": organisation.name,
        "days": INVITATION_DAYS,
        "link": link,
    }
    transaction.on_commit(lambda: send_mail(_("单位账户邀请"), body, None, [email], fail_silently=False))
    return invitation


def invitation_open(*, token: str) -> Invitation | None:
    """The invitation behind `token` while it can still be accepted, else None."""
    return (
        Invitation.objects.filter(token=token, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, full_name: str, phone: str, password: str) -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        raise ValidationError(_("该邀请已失效。"), code="expired")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("该电子邮箱已注册账户。"), code="exists")
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        full_name=full_name.strip(),
        phone=phone.strip(),
        organisation=invitation.organisation,
        # The invitation reached this address: that is the verification.
        email_verified_at=timezone.now(),
    )
    _add_role(user, roles.EMPLOYER)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save()
    return user
