"""The filled application form (form.pdf) is rendered once per state of the file, not once per request.

The rendition is stored in the private file store (shared by every app server) under a name made of the
application, its state and a digest of everything the form prints that can change: the row itself
(`updated_at`), the newest transition log (opinions, decisions) and the newest consultation answer. A transition
deletes the application's renditions (django-fsm's post_transition, after commit); an edit or an answer that
comes without a transition changes the digest, so a stale form is never served.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Max

logger = logging.getLogger(__name__)

FOLDER = "forms"


def _storage():
    return storages["private"]


def _folder(application_pk) -> str:
    return f"{FOLDER}/{int(application_pk)}"


def form_version(application) -> str:
    """A digest of what the printed form depends on (two small aggregate queries)."""
    from applications.models import TransitionLog

    last_log = TransitionLog.objects.filter(application_id=application.pk).aggregate(last=Max("id"))["last"]
    consultations = getattr(application, "consultations", None)
    last_answer = None
    if consultations is not None:
        last_answer = consultations.aggregate(last=Max("answered_at"), count=Max("id"))
    parts = [application.pk, application.state, application.updated_at.isoformat(), last_log, last_answer]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


def cached_application_form_pdf(application, render, *, variant: str = "") -> bytes:
    """The stored rendition for the application's current version, or `render(application)` stored now.

    `variant` names another copy of the same version (the staff copy shows what the applicant's copy
    leaves out); each variant is stored once."""
    storage = _storage()
    version = f"{application.state}-{form_version(application)}"
    name = f"{_folder(application.pk)}/{version}{'-' + variant if variant else ''}.pdf"
    try:
        with storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        pass
    content = render(application)
    forget_application_forms(application.pk, keep_version=version)
    if not storage.exists(name):  # another server may have stored the same version meanwhile
        stored = storage.save(name, ContentFile(content))
        if stored != name:  # a concurrent writer won the race: keep one file
            storage.delete(stored)
    return content


def forget_application_forms(application_pk, *, keep_version: str = "") -> None:
    """Delete the stored renditions of one application (all of them, or all but those of `keep_version`)."""
    storage = _storage()
    folder = _folder(application_pk)
    try:
        _, files = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for file_name in files:
        path = f"{folder}/{file_name}"
        if not keep_version or not file_name.startswith(keep_version):
            try:
                storage.delete(path)
            except OSError:  # pragma: no cover - a concurrent delete; nothing left to do
                logger.warning("Could not delete stale form %s", path)


def on_application_transition(sender, instance, name, source, target, **kwargs):
    """Connected to django_fsm.signals.post_transition: the printed form of the old state is stale."""
    pk = instance.pk
    transaction.on_commit(lambda: forget_application_forms(pk))
