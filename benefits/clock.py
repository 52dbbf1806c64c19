"""The bureau's calendar day, asked in one place, so that a test can move the whole workflow to another day."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
