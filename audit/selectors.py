"""Reading the access log: the auditor's filters."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from audit.models import AccessRecord, RoleGrant


@dataclass
class LogFilters:
    user: str = ""  # part of the accessing user's email
    reference: str = ""  # part of the application reference
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def access_records(filters: LogFilters) -> QuerySet[AccessRecord]:
    qs = AccessRecord.objects.select_related("content_type")
    if filters.user:
        qs = qs.filter(user_email__icontains=filters.user)
    if filters.reference:
        qs = qs.filter(application_reference__icontains=filters.reference)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.date_from:
        qs = qs.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        qs = qs.filter(at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return qs.order_by("-at", "-id")


def role_grants(limit: int = 50) -> list[RoleGrant]:
    return list(RoleGrant.objects.select_related("user", "by").order_by("-at", "-id")[:limit])
