"""Set "now" for a test: every `timezone.now()` and `timezone.localdate()` reads the given moment."""

import datetime as dt

from django.utils import timezone


def set_now(monkeypatch, moment: str) -> dt.datetime:
    """`moment` is local time in Asia/Shanghai, e.g. "2026-12-04 10:00"."""
    aware = timezone.make_aware(dt.datetime.fromisoformat(moment))
    monkeypatch.setattr(timezone, "now", lambda: aware)
    return aware
