"""Reads for the portal. Who may see which application is decided in applications.access alone."""

from django.db.models import QuerySet

from applications import states as s
from applications.models import Application, Material


def current_materials(application: Application) -> QuerySet[Material]:
    return application.materials.filter(is_current=True).order_by("material_code", "-uploaded_at")


def visible_timeline(application: Application):
    return application.transition_logs.select_related("by").order_by("at", "id")


def return_reasons(application: Application, *, include_hidden: bool = False, timeline=None) -> list:
    """The written reasons the file was returned or refused, newest last, for the applicant's pages
    (`timeline`: the page's visible_timeline, when it has read it already)."""
    logs = visible_timeline(application) if timeline is None else timeline
    return [
        log
        for log in logs
        if log.to_state in (s.RETURNED, s.REFUSED) and log.reason and (include_hidden or log.visible_to_applicant)
    ]
