"""Telling a certified talent and the employer, in time, that the recognition ends: 60 days ahead, once."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from applications import states as s
from applications.models import Application
from applications.services import PortalRefused
from benefits.models import EmploymentEnd, ExpiryReminder
from certificates.selectors import current_certificate

logger = logging.getLogger(__name__)

REMINDER_DAYS_AHEAD = 60


def _recipients(application: Application) -> list[tuple[str, str]]:
    """(address, language) of everyone who should know: the employer's users and contacts, and the talent."""
    language = settings.LANGUAGE_CODE
    found: dict[str, str] = {}
    users = [application.created_by, application.talent]
    if application.organisation_id:
        users += list(application.organisation.users.filter(is_active=True))
    for user in users:
        if user is not None and user.email:
            found.setdefault(user.email.lower(), user.preferred_language or language)
    for address in (application.email, application.talent_email):
        if address:
            found.setdefault(address.lower(), language)
    return sorted(found.items())


def _renewal_text(application: Application) -> str:
    if application.is_nanning:
        return _("有效期满后可再次申请认定（办法第十一条）；有效期内达到更高类别条件的，可申请更高类别的认定。")
    return _("认定有效期以外国人工作居留许可有效期为准；许可延期后，请由聘用单位重新提交认定申请。")


def _reminder_body(application: Application, certificate, link: str) -> tuple[str, str]:
    subject = _("人才认定将于%(date)s到期") % {"date": certificate.valid_until.isoformat()}
    body = _(
        "您好：\n\n%(name)s的人才认定（证书编号%(number)s）将于%(date)s到期，届时相关待遇随之停止。\n\n"
        "%(renewal)s\n\n查看认定和办理：%(link)s\n\n人才认定服务平台"
    ) % {
        "name": certificate.holder_name,
        "number": certificate.number,
        "date": certificate.valid_until.isoformat(),
        "renewal": _renewal_text(application),
        "link": link,
    }
    return subject, body


def expiry_reminders_send(*, today: dt.date | None = None) -> list[str]:
    """The scheduled job: certificates in force whose validity ends within REMINDER_DAYS_AHEAD days.

    Idempotent: a certificate version is reminded once (a reissued version with a new end date again).
    Returns the certificate numbers reminded.
    """
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REMINDER_DAYS_AHEAD)
    reminded = []
    candidates = (
        Application.objects.filter(state=s.CERTIFIED, certificates__valid_until__range=(today, horizon))
        .distinct()
        .order_by("pk")
    )
    for application in candidates:
        certificate = current_certificate(application)
        if certificate is None or not (today <= certificate.valid_until <= horizon):
            continue
        if ExpiryReminder.objects.filter(certificate=certificate).exists():
            continue
        reminded.append(expiry_reminder_send(application=application, certificate=certificate))
    return reminded


@transaction.atomic
def expiry_reminder_send(*, application: Application, certificate) -> str:
    recipients = _recipients(application)
    ExpiryReminder.objects.create(
        certificate=certificate, valid_until=certificate.valid_until, recipients=[a for a, _lang in recipients]
    )
    link = f"{settings.SITE_URL}{reverse('applications:detail', args=[application.pk])}"
    # The reminder is recorded even if the mail server is down; the portal shows the end date anyway.
    _mail_each(recipients, lambda: _reminder_body(application, certificate, link))
    return certificate.number


def _mail_each(users_and_addresses, build) -> None:
    """Send `build()` (subject, body) to each (address, language), after commit; an outage is only logged."""
    messages = []
    for address, language in users_and_addresses:
        with translation.override(language):
            messages.append((address, *build()))

    def send():
        for address, subject, body in messages:
            try:
                send_mail(subject, body, None, [address], fail_silently=False)
            except OSError:
                logger.warning("Could not send %r to %s", subject, address, exc_info=True)

    transaction.on_commit(send)


def may_report_employment_end(user, application: Application) -> bool:
    """The employer that holds the recognition reports its end (Nanning Art. 11 ¶2)."""
    return (
        application.is_nanning
        and application.state == s.CERTIFIED
        and getattr(user, "is_employer", False)
        and user.organisation_id == application.organisation_id
    )


@transaction.atomic
def employment_end_report(
    *, application: Application, reason: str, effective_on: dt.date, note: str = "", by
) -> EmploymentEnd:
    if not may_report_employment_end(by, application):
        raise PortalRefused(_("只有持有该认定的用人单位可以报告合同期满、辞职或调离。"), code="forbidden")
    if EmploymentEnd.objects.filter(application=application).exists():
        raise PortalRefused(_("已报告过该人才的离职或调离，不能重复报告。"), code="duplicate")
    if reason not in EmploymentEnd.Reason.values:
        raise PortalRefused(_("请选择发生的情形。"), code="invalid")
    certificate = current_certificate(application)
    if certificate is not None and not (certificate.valid_from <= effective_on <= certificate.valid_until):
        raise PortalRefused(
            _("发生日期应在认定有效期内（%(start)s至%(end)s）。")
            % {"start": certificate.valid_from.isoformat(), "end": certificate.valid_until.isoformat()},
            code="invalid",
        )
    end = EmploymentEnd.objects.create(
        application=application, reason=reason, effective_on=effective_on, note=note.strip(), reported_by=by
    )
    recipients = {
        user.email.lower(): user.preferred_language or settings.LANGUAGE_CODE
        for user in User.objects.filter(groups__name=roles.NANNING_TALENT_BUREAU_REVIEWER, is_active=True)
    }
    if application.talent and application.talent.email:
        recipients.setdefault(application.talent.email.lower(), application.talent.preferred_language)
    link = f"{settings.SITE_URL}{reverse('applications:detail', args=[application.pk])}"

    def build():
        subject = _("%(ref)s：人才待遇自%(date)s起停止") % {
            "ref": application.reference,
            "date": effective_on.isoformat(),
        }
        body = _(
            "%(org)s报告：%(name)s（%(ref)s）%(reason)s，发生日期%(date)s。\n\n"
            "依照办法第十一条第二款，自该日起不再享受相关人才政策待遇。\n\n%(link)s"
        ) % {
            "org": application.organisation.name,
            "name": application.full_name,
            "ref": application.reference,
            "reason": end.get_reason_display(),
            "date": effective_on.isoformat(),
            "link": link,
        }
        return subject, body

    _mail_each(sorted(recipients.items()), build)
    logger.info("Employment end reported for %s by %s", application.reference, by.pk)
    return end
