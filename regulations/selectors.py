"""Reads of regulation data for the other apps and for the eligibility engine."""

import datetime as dt

from regulations.models import Disqualification, RegulationVersion


def version_in_force(*, regulation_code: str, on: dt.date) -> RegulationVersion | None:
    """The version of the regulation in force on the day (a fresh read: the caller may keep it)."""
    from regulations.reference import in_force

    versions = RegulationVersion.objects.select_related("regulation").filter(regulation__code=regulation_code)
    return in_force(list(versions.order_by("effective_from", "id")), on)


def disqualification_for(*, regulation_code: str, document_number: str) -> Disqualification | None:
    number = (document_number or "").strip().upper()
    if not number:
        return None
    return (
        Disqualification.objects.filter(regulation_code=regulation_code, document_number__iexact=number)
        .order_by("-recorded_at")
        .first()
    )
