"""Keeping a form POST whose session expired, so that logging in again replays it instead of losing it.

The typed fields go into the (new, anonymous) session; files that pass the upload checks are parked in
private storage under a random name. Django's login() keeps session data, so after logging in the view
that received the POST finds its stash, replays it for the now-known user, and deletes the parked files.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import timezone

from applications.uploads import check_upload

SESSION_KEY = "portal_stash"
MAX_AGE_SECONDS = 24 * 3600
MAX_FILES = 20


@dataclass
class Stash:
    data: QueryDict
    files: dict = field(default_factory=dict)
    parked: list = field(default_factory=list)

    def discard(self) -> None:
        storage = storages["private"]
        for name in self.parked:
            if storage.exists(name):
                storage.delete(name)


def stash_post(request) -> None:
    post = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    storage = storages["private"]
    parked = []
    for key, uploaded in list(request.FILES.items())[:MAX_FILES]:
        try:
            checked = check_upload(uploaded)
        except ValidationError:
            continue  # a refused file would be refused again after login; nothing worth keeping
        name = storage.save(f"pending/{uuid.uuid4().hex}{checked.extension}", ContentFile(checked.content))
        parked.append(
            {"key": key, "name": name, "original": checked.original_name, "content_type": checked.content_type}
        )
    request.session[SESSION_KEY] = {
        "path": request.path,
        "post": post,
        "files": parked,
        "at": timezone.now().timestamp(),
    }


def pop_stash(request) -> Stash | None:
    """The stash for this path (removed from the session), or None. Only for a logged-in GET."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    saved = request.session.get(SESSION_KEY)
    if not saved or saved.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    storage = storages["private"]
    stash = Stash(data=QueryDict(mutable=True), parked=[f["name"] for f in saved.get("files", [])])
    if timezone.now().timestamp() - saved.get("at", 0) > MAX_AGE_SECONDS:
        stash.discard()
        return None
    for key, values in saved.get("post", {}).items():
        stash.data.setlist(key, values)
    for parked in saved.get("files", []):
        if storage.exists(parked["name"]):
            with storage.open(parked["name"], "rb") as handle:
                stash.files[parked["key"]] = SimpleUploadedFile(
                    parked["original"], handle.read(), content_type=parked["content_type"]
                )
    return stash
