"""Reference data, read once per process and revision instead of once per page.

The regulation versions with their criteria and materials, the honour list, the material names and the
holiday calendar are read on almost every page (the eligibility verdict, the form, every deadline) and change a
few times a year, by an administrator. Every change to a regulations table (except the per-person registers)
writes a new random token to `ReferenceRevision` in the same transaction, so a rolled-back change leaves the
old token and a committed one reaches every app server at its next request. A request reads the token once
(`ReferenceScopeMiddleware`); a process keeps what it read for the newest token it has seen.

What comes out of here is shared between requests: read it, never change it.
"""

import contextvars
import datetime as dt
import threading
import uuid
from functools import cached_property

from django.db.models.signals import m2m_changed, post_delete, post_save

# Per-person and per-enterprise registers are looked up per file, not cached: their changes need no new token.
NOT_REFERENCE = {"ReferenceRevision", "Disqualification", "DirectoryEnterprise"}
SINGLETON = 1

_request_scope: contextvars.ContextVar[dict | None] = contextvars.ContextVar("reference_scope", default=None)
_lock = threading.Lock()
_current: "Reference | None" = None


def in_force(versions, on: dt.date):
    """The version in force on the day: the most recently effective if windows overlap (versions in
    effective_from, id order)."""
    candidates = [
        v for v in versions if v.effective_from <= on and (v.effective_until is None or v.effective_until >= on)
    ]
    return candidates[-1] if candidates else None


def _by_regulation(queryset) -> dict[str, list]:
    """The rows grouped by their regulation's code, in the queryset's order."""
    grouped: dict[str, list] = {}
    for row in queryset.select_related("regulation"):
        grouped.setdefault(row.regulation.code, []).append(row)
    return grouped


class Reference:
    """What one revision of the reference data holds; each part is read when first asked for."""

    def __init__(self, token):
        self.token = token
        self._snapshots = {}
        self._years = {}

    @cached_property
    def _versions(self) -> dict[str, list]:
        from regulations.models import RegulationVersion

        return _by_regulation(RegulationVersion.objects.order_by("effective_from", "id"))

    def versions(self, regulation_code: str) -> list:
        return self._versions.get(regulation_code, [])

    def snapshot(self, version):
        from regulations.eligibility import snapshot

        if version.pk not in self._snapshots:
            self._snapshots[version.pk] = snapshot(version, honours=self.honours)
        return self._snapshots[version.pk]

    @cached_property
    def _benefits(self) -> dict[str, list]:
        from regulations.models import Benefit

        return _by_regulation(Benefit.objects.order_by("sort_order", "pk"))

    def benefits(self, regulation_code: str) -> list:
        """What a recognition under the regulation gives, in display order."""
        return self._benefits.get(regulation_code, [])

    @cached_property
    def honours(self) -> list:
        from regulations.models import Honour

        return list(Honour.objects.order_by("id"))

    @cached_property
    def material_types(self) -> dict:
        from regulations.models import MaterialType

        return {m.code: m for m in MaterialType.objects.all()}

    @cached_property
    def loaded_years(self) -> frozenset[int]:
        from regulations.models import CalendarYear

        return frozenset(CalendarYear.objects.values_list("year", flat=True))

    def calendar_year(self, year: int) -> dict[dt.date, str] | None:
        """The year's holidays and adjusted working days, or None when the year is not loaded."""
        if year not in self.loaded_years:
            return None
        if year not in self._years:
            from regulations.models import CalendarDay

            self._years[year] = dict(CalendarDay.objects.filter(date__year=year).values_list("date", "kind"))
        return self._years[year]


def _token():
    from regulations.models import ReferenceRevision

    scope = _request_scope.get()
    if scope is not None and "token" in scope:
        return scope["token"]
    token = ReferenceRevision.objects.filter(pk=SINGLETON).values_list("token", flat=True).first()
    if scope is not None:
        scope["token"] = token
    return token


def current() -> Reference:
    """The reference data as of the newest revision; costs one query a request (none after the first)."""
    global _current
    token = _token()
    if token is None:  # no revision row (a flushed test database): nothing can be trusted to stay the same
        return Reference(None)
    reference = _current
    if reference is None or reference.token != token:
        with _lock:
            if _current is None or _current.token != token:
                _current = Reference(token)
            reference = _current
    return reference


def revision_bump() -> None:
    """A reference table changed: a new token, committed or rolled back with the change."""
    from regulations.models import ReferenceRevision

    token = uuid.uuid4()
    ReferenceRevision.objects.update_or_create(pk=SINGLETON, defaults={"token": token})
    scope = _request_scope.get()
    if scope is not None:
        scope["token"] = token


def _changed(sender, **kwargs):
    revision_bump()


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        revision_bump()


def reference_models():
    """The regulations app's tables whose rows are reference data (not the registers, not history)."""
    from django.apps import apps

    return [
        model
        for model in apps.get_app_config("regulations").get_models()
        if model.__name__ not in NOT_REFERENCE and not model.__name__.startswith("Historical")
    ]


def connect_signals() -> None:
    # Per model, not for every sender: a receiver for all senders would stop Django's fast deletes everywhere.
    for model in reference_models():
        post_save.connect(_changed, sender=model, dispatch_uid=f"reference-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reference-delete-{model.__name__}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"reference-m2m-{through.__name__}")


class ReferenceScopeMiddleware:
    """Reads the revision token at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _request_scope.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scope.reset(reset)


def material_type(code: str):
    """The MaterialType with this code, or None."""
    return current().material_types.get(code)


def material_name(code: str) -> str:
    """A material's name in the active language (its code when the type is unknown)."""
    material = material_type(code)
    return str(material.name) if material else code


def honour_choices() -> list[tuple[str, str]]:
    """The honour list as form choices, names in the active language."""
    return [(h.code, h.name) for h in current().honours]
