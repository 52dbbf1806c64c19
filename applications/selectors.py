"""Reads for the portal. Who may see which application is decided in applications.access alone."""

from django.db.models import QuerySet

from applications.models import Application, Material


def current_materials(application: Application) -> QuerySet[Material]:
    return application.materials.filter(is_current=True).order_by("material_code", "-uploaded_at")


def visible_timeline(application: Application):
    return application.transition_logs.select_related("by").order_by("at", "id")
