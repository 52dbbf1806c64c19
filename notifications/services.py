"""Telling people: `notification_send` (rows now, mail after commit) and the transition hook."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.rules import Recipient, transition_recipients
from talentportal.site import absolute_url

logger = logging.getLogger(__name__)

MAIL_ERROR_MAX = 300


def application_path(application, user) -> str:
    """Where `user` opens `application`: the console for bureau staff, the portal for everyone else."""
    from applications.access import staff_capacity

    if user is not None and staff_capacity(user, application):
        return reverse("reviews:application", args=[application.pk])
    return reverse("applications:detail", args=[application.pk])


def application_link(application, user) -> str:
    """The absolute link for mails; people without an account are sent to sign in (or register)."""
    if user is None:
        return absolute_url(reverse("accounts:login"))
    return absolute_url(application_path(application, user))


def _as_recipient(item) -> Recipient:
    if isinstance(item, Recipient):
        return item
    if isinstance(item, str):
        return Recipient(email=item)
    return Recipient(user=item)


def application_context(application) -> dict:
    return {
        "reference": application.reference,
        "name": application.full_name,
        "state": application.state,
        "regulation": application.regulation_code,
    }


def notification_send(*, recipients, kind: str, application=None, link: str = "", context=None) -> list:
    """Record one notification per recipient and mail each after the transaction commits.

    `recipients`: users, addresses (str) or `Recipient`s. `kind`: a transition code or a texts.* kind.
    `link`: where to go (default: the application, console or portal by recipient). Mail failures are
    logged on the row and never undo the caller's work.
    """
    base = {**(application_context(application) if application is not None else {}), **(context or {})}
    created = []
    seen = set()
    for item in recipients:
        recipient = _as_recipient(item)
        if recipient.key in seen or (recipient.user is None and not recipient.email):
            continue
        seen.add(recipient.key)
        user = recipient.user
        if user is not None:
            language = user.preferred_language or settings.LANGUAGE_CODE
        else:
            language = recipient.language
        target = absolute_url(link) if link else (application_link(application, user) if application else "")
        created.append(
            Notification.objects.create(
                recipient=user,
                email="" if user is not None else recipient.email,
                language=language,
                kind=kind,
                must_act=recipient.must_act,
                application=application,
                context=base,
                link=target,
            )
        )
    ids = [n.pk for n in created if n.address]
    if ids:
        transaction.on_commit(lambda: _dispatch(ids))
    return created


def _dispatch(ids: list[int]) -> None:
    from notifications.tasks import notification_mail

    for pk in ids:
        try:
            notification_mail.delay(pk)
        except Exception:  # a broker outage: the row stays unmailed and is in the in-app list
            logger.exception("Could not queue the mail of notification %s", pk)


def notification_mail_send(*, notification_id: int) -> bool:
    """Mail one notification (idempotent); a failure is logged and kept on the row, never raised."""
    from django.core.mail import send_mail

    from notifications.texts import mail_text

    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.mailed_at is not None or not notification.address:
        return False
    subject, body = mail_text(notification)
    try:
        send_mail(subject, body, None, [notification.address], fail_silently=False)
    except Exception as error:
        logger.warning("Mail of notification %s to %s failed", notification.pk, notification.address, exc_info=True)
        notification.mail_error = f"{type(error).__name__}: {error}"[:MAIL_ERROR_MAX]
        notification.save(update_fields=["mail_error"])
        return False
    notification.mailed_at = timezone.now()
    notification.mail_error = ""
    notification.save(update_fields=["mailed_at", "mail_error"])
    return True


def notify_transition_after_commit(*, log_id: int) -> None:
    """Run once the transition is committed (so what the same action created, e.g. the consultations of
    an acceptance, is there to ask). Nothing here may undo or fail the transition: errors are logged."""
    from applications.models import TransitionLog

    try:
        log = TransitionLog.objects.select_related("application", "by").get(pk=log_id)
        notify_transition(
            application=log.application,
            transition=log.transition,
            by=log.by,
            reason=log.reason,
            comment=log.comment,
            state=log.to_state,
            from_state=log.from_state,
            visible_to_applicant=log.visible_to_applicant,
        )
    except Exception:
        logger.exception("Could not notify the parties of transition log %s", log_id)


def notify_transition(
    *,
    application,
    transition: str,
    by=None,
    reason: str = "",
    comment: str = "",
    state: str = "",
    from_state: str = "",
    visible_to_applicant: bool = True,
) -> list:
    """Tell the parties of TRANSITION_PARTIES about `transition`, just taken on `application`.

    `state` is the state the transition led to (the file may have moved on in the same transaction).
    A reason or opinion staff kept from the applicant reaches bureau staff only.
    """
    recipients = transition_recipients(application, transition, by=by, from_state=from_state)
    if not recipients:
        return []
    context = {"transition": transition, "state": state or application.state}
    written = {k: v for k, v in (("reason", reason), ("comment", comment)) if v}
    if visible_to_applicant:
        return notification_send(
            recipients=recipients, kind=transition, application=application, context={**context, **written}
        )
    from applications.access import staff_capacity

    staff = [r for r in recipients if r.user is not None and staff_capacity(r.user, application)]
    others = [r for r in recipients if r not in staff]
    return notification_send(
        recipients=staff, kind=transition, application=application, context={**context, **written}
    ) + notification_send(recipients=others, kind=transition, application=application, context=context)


def notification_mark_read(*, notification: Notification, by) -> Notification:
    if notification.recipient_id != by.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by) -> int:
    count = 0
    for notification in Notification.objects.select_for_update().filter(recipient=by, read_at__isnull=True):
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        count += 1
    return count


def preferred_language_set(*, user, language: str) -> None:
    """Remember the language a user reads in, for mails sent while they are away."""
    codes = {code for code, _name in settings.LANGUAGES}
    if language in codes and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
