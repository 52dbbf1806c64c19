"""Keeping a form POST whose session expired, so that logging in again replays it instead of losing it.

Only the typed fields are kept, in the (new, anonymous) session; Django's login() keeps session data, so
after logging in the view that received the POST finds its stash and replays it for the now-known user.
Files are not kept: a request without a signed-in user never has its files written anywhere (see
hardening.uploads), so the user is asked to choose them again. Files parked under `pending/` by earlier
versions are removed by `stash_files_clean()` (management command `clean_pending_uploads`, Celery beat).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.files.storage import storages
from django.http import QueryDict
from django.utils import timezone

SESSION_KEY = "portal_stash"
MAX_AGE_SECONDS = 24 * 3600
PENDING_DIR = "pending"


@dataclass
class Stash:
    data: QueryDict


def stash_post(request) -> None:
    post = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    request.session[SESSION_KEY] = {"path": request.path, "post": post, "at": timezone.now().timestamp()}


def pop_stash(request) -> Stash | None:
    """The stash for this path (removed from the session), or None. Only for a logged-in GET."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    saved = request.session.get(SESSION_KEY)
    if not saved or saved.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    if timezone.now().timestamp() - saved.get("at", 0) > MAX_AGE_SECONDS:
        return None
    stash = Stash(data=QueryDict(mutable=True))
    for key, values in saved.get("post", {}).items():
        stash.data.setlist(key, values)
    return stash


def stash_files_clean(*, now: dt.datetime | None = None) -> list[str]:
    """Delete files under pending/ older than a stash can live; return their names. Idempotent."""
    storage = storages["private"]
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=MAX_AGE_SECONDS)
    try:
        _dirs, files = storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return []
    removed = []
    for name in sorted(files):
        path = f"{PENDING_DIR}/{name}"
        try:
            if storage.get_modified_time(path) <= cutoff:
                storage.delete(path)
                removed.append(path)
        except FileNotFoundError:
            continue  # removed meanwhile by another run
    return removed
