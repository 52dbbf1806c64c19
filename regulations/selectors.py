"""Reads of regulation data for the other apps and for the eligibility engine."""

import datetime as dt

from regulations.models import Disqualification, RegulationVersion


def version_in_force(*, regulation_code: str, on: dt.date) -> RegulationVersion | None:
    """The version of the regulation in force on the day, the most recently effective if windows overlap."""
    return (
        RegulationVersion.objects.select_related("regulation")
        .filter(regulation__code=regulation_code, effective_from__lte=on)
        .exclude(effective_until__lt=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def versions_of(*, regulation_code: str) -> list[RegulationVersion]:
    return list(RegulationVersion.objects.filter(regulation__code=regulation_code).order_by("effective_from", "id"))


def disqualification_for(*, regulation_code: str, document_number: str) -> Disqualification | None:
    number = (document_number or "").strip().upper()
    if not number:
        return None
    return (
        Disqualification.objects.filter(regulation_code=regulation_code, document_number__iexact=number)
        .order_by("-recorded_at")
        .first()
    )
