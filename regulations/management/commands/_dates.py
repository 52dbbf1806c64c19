import datetime as dt

from django.core.management.base import CommandError


def parse_date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{name}: {value!r} is not a date in YYYY-MM-DD form") from None


def parse_days(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise CommandError(f"N: {value!r} is not a whole number") from None
    if n < 0:
        raise CommandError(f"N: {value!r} must not be negative")
    return n
