"""Telling a certified talent and the employer, in time, that the recognition ends: 60 days ahead, once."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications import states as s
from applications.models import Application
from benefits.models import ExpiryReminder
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
    messages = []
    for address, language in recipients:
        with translation.override(language):
            messages.append((address, *_reminder_body(application, certificate, link)))

    def send():
        for address, subject, body in messages:
            try:
                send_mail(subject, body, None, [address], fail_silently=False)
            except OSError:
                # The reminder is recorded; a mail outage is logged, and the portal shows the end date anyway.
                logger.warning("Could not send the expiry reminder for %s", certificate.number, exc_info=True)

    transaction.on_commit(send)
    return certificate.number
