"""Account actions: registering employers and talents, verifying addresses, inviting colleagues.

Registration never tells the visitor whether an address already has an account: both cases answer
"check your mailbox". A new account stays inactive (cannot sign in) until the link mailed to the address
is followed, so nobody can learn it either by signing in with the password they just chose; the owner of
an existing account is mailed a note instead of a second account.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.mail import Delivery, mail_on_commit
from accounts.models import Invitation, Organisation, OrganisationLicence, User
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


def email_verification_send(*, user: User) -> Delivery:
    link = _absolute(reverse("accounts:verify_email", args=[email_verification_token(user)]))
    body = _(
        "您好，%(name)s：\n\n请打开以下链接验证您的电子邮箱（7天内有效）：\n%(link)s\n\n"
        "如果您没有在人才认定服务平台注册，请忽略本邮件。\n\n人才认定服务平台"
    ) % {"name": user.get_full_name(), "link": link}
    return mail_on_commit(subject=_("请验证您的电子邮箱"), body=body, to=[user.email])


def _already_registered_notice(*, email: str) -> Delivery:
    body = _(
        "您好：\n\n有人（可能是您本人）使用本邮箱在人才认定服务平台注册，但该邮箱已有账户。\n"
        "请直接登录：%(login)s\n忘记密码可在此重设：%(reset)s\n\n如果不是您本人操作，请忽略本邮件。\n\n人才认定服务平台"
    ) % {"login": _absolute(reverse("accounts:login")), "reset": _absolute(reverse("accounts:password_reset"))}
    return mail_on_commit(subject=_("您的邮箱已注册"), body=body, to=[email])


def _mail_existing_account(email: str) -> Delivery | None:
    """The mail for someone registering an address that has an account: a fresh link if the account was
    never verified (the first mail may have been lost), else a note on how to sign in. None: no account."""
    existing = User.objects.filter(email__iexact=email.strip()).first()
    if existing is None:
        return None
    if not existing.is_active and existing.email_verified_at is None:
        return email_verification_send(user=existing)
    return _already_registered_notice(email=existing.email)


def email_verification_resend(*, email: str) -> Delivery | None:
    """Send a fresh link if `email` has an account that is not yet verified; None (and nothing sent) if not."""
    user = User.objects.filter(email__iexact=email.strip(), email_verified_at__isnull=True).first()
    if user is None:
        return None
    return email_verification_send(user=user)


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
        # A self-registered account becomes usable once its address is proven.
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
    return user


@dataclass
class Registration:
    """What registering did. `user` is None when the address already had an account (nothing created)."""

    user: User | None
    delivery: Delivery


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
) -> Registration:
    """Create the organisation and its first employer user; further users join by invitation."""
    delivery = _mail_existing_account(email)
    if delivery is not None:
        return Registration(user=None, delivery=delivery)
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
        is_active=False,
    )
    _add_role(user, roles.EMPLOYER)
    return Registration(user=user, delivery=email_verification_send(user=user))


@transaction.atomic
def talent_register(*, email: str, full_name: str, phone: str, password: str) -> Registration:
    delivery = _mail_existing_account(email)
    if delivery is not None:
        return Registration(user=None, delivery=delivery)
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), phone=phone.strip(), is_active=False
    )
    _add_role(user, roles.TALENT)
    return Registration(user=user, delivery=email_verification_send(user=user))


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, by: User) -> tuple[Invitation, Delivery]:
    if by.organisation_id != organisation.pk or not by.has_role(roles.EMPLOYER):
        raise ValidationError(_("只有本单位的用户可以邀请同事。"), code="forbidden")
    email = email.strip().lower()
    # No "already registered" answer here either: the inviter would learn who has an account. The mailbox
    # owner learns it when accepting (invitation_accept refuses an address that has an account).
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
    return invitation, mail_on_commit(subject=_("单位账户邀请"), body=body, to=[email])


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


# ---------------------------------------------------------------- the business licence and its check


@transaction.atomic
def organisation_licence_upload(*, organisation: Organisation, uploaded, by: User) -> OrganisationLicence:
    """Check and keep the licence; the one it replaces stays in history. A refused file changes nothing."""
    from applications import access
    from applications.uploads import upload_keep

    if not access.can_upload_licence(by, organisation):
        raise ValidationError(_("只有本单位的用户可以上传营业执照。"), code="forbidden")
    # One upload at a time per organisation: the other waits here, then replaces this one.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    return upload_keep(
        material=OrganisationLicence(organisation=organisation, uploaded_by=by),
        uploaded=uploaded,
        replaces=organisation.licences.all(),
    )


def _verification_note(licence: OrganisationLicence, note: str) -> str:
    """The note names the licence that was checked; kept in the source language like the other records."""
    from django.utils import translation

    with translation.override("zh-hans"):
        checked = _("已核对营业执照“%(name)s”（SHA-256 %(sha)s，%(date)s上传）") % {
            "name": licence.original_name,
            "sha": licence.short_sha256,
            "date": timezone.localtime(licence.uploaded_at).strftime("%Y-%m-%d"),
        }
    return "；".join(part for part in (checked, note.strip()) if part)[:300]


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: User, note: str = "", request=None) -> Organisation:
    """Staff have checked the business licence on file against the credit code; the organisation may now
    act. Refused without a current licence. Each verification is written to the access log."""
    from applications import access
    from audit.models import AccessAction
    from audit.services import access_record

    if not access.checks_organisations(by):
        raise ValidationError(_("只有工作人员可以核验用人单位。"), code="forbidden")
    if access.is_of_organisation(by, organisation):
        raise ValidationError(_("工作人员不能核验本人所在的单位。"), code="conflict")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.verified_at is None:
        licence = organisation.current_licence()
        if licence is None:
            raise ValidationError(
                _("“%(name)s”尚未上传营业执照，不能核验。请单位先在平台上传营业执照。") % {"name": organisation.name},
                code="no_licence",
            )
        organisation.verified_at = timezone.now()
        organisation.verified_by = by
        organisation.verification_note = _verification_note(licence, note)
        organisation._change_reason = "verified"
        organisation.save()
        access_record(user=by, action=AccessAction.VERIFY, obj=licence, request=request)
    return organisation
