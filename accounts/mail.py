"""Sending mail after the transaction commits, without turning a mail-server outage into a 500.

The account, invitation or reset that caused the mail is already saved when the mail goes out; if the
server cannot be reached the caller learns it through the returned Delivery and tells the user how to
ask again, instead of the user seeing an error page for something that in fact succeeded.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger("talentportal.mail")


@dataclass
class Delivery:
    sent: bool | None = None  # None until the transaction has committed and the mail was tried

    @property
    def failed(self) -> bool:
        return self.sent is False


def mail_deliver(*, subject: str, body: str, to: list[str]) -> bool:
    try:
        send_mail(subject, body, None, to, fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:  # refused, timed out, unreachable, authentication
        logger.error("mail %r to %d recipient(s) not sent: %s", subject, len(to), exc)
        return False
    return True


def mail_on_commit(*, subject: str, body: str, to: list[str]) -> Delivery:
    delivery = Delivery()

    def send():
        delivery.sent = mail_deliver(subject=subject, body=body, to=to)

    transaction.on_commit(send)
    return delivery
