"""Files from people who are not signed in.

Before this, an anonymous multipart POST to any portal URL had its files parked in private storage for a
replay after login (540 MiB in three requests, never cleaned). Now a request without a signed-in user gets
one upload handler, this one, instead of Django's: it keeps nothing of a file unless the view was declared
`@public_upload` (the public objection form), and then at most one file per declared field, in memory and
no larger than the declared limit. Everything else is read past, never written anywhere. What was refused
is noted on the request (`upload_refusals(request)`) so the view can say so in the user's language.
"""

from dataclasses import dataclass
from functools import wraps
from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

REFUSALS_ATTR = "_hardening_upload_refusals"


@dataclass(frozen=True)
class PublicUpload:
    fields: tuple[str, ...]
    max_bytes: int | None = None  # None: settings.PUBLIC_UPLOAD_MAX_BYTES, read per request

    @property
    def limit(self) -> int:
        return self.max_bytes or settings.PUBLIC_UPLOAD_MAX_BYTES


def public_upload(*, fields: tuple[str, ...], max_bytes: int | None = None):
    """Mark a view that accepts files from anonymous visitors: one file per field in `fields`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapper.public_upload = PublicUpload(fields=tuple(fields), max_bytes=max_bytes)
        return wrapper

    return decorate


def upload_refusals(request) -> dict[str, str]:
    """{field name: translated reason} for files of this request that were not accepted."""
    return dict(getattr(request, REFUSALS_ATTR, {}))


def _refuse(request, field_name: str, message: str) -> None:
    refusals = getattr(request, REFUSALS_ATTR, None)
    if refusals is None:
        refusals = {}
        setattr(request, REFUSALS_ATTR, refusals)
    refusals.setdefault(field_name, message)


class AnonymousUploadHandler(FileUploadHandler):
    def __init__(self, request, policy: PublicUpload | None):
        super().__init__(request)
        self.policy = policy
        self.accepted_fields: set[str] = set()
        self._buffer: BytesIO | None = None
        self._size = 0

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self._buffer = None
        self._size = 0
        if self.policy is None:
            _refuse(self.request, field_name, _("登录已过期，所选文件未被接收。请登录后重新选择文件。"))
        elif field_name not in self.policy.fields:
            _refuse(self.request, field_name, _("此处不接收该文件。"))
        elif field_name in self.accepted_fields:
            _refuse(self.request, field_name, _("每项只能上传一个文件。"))
        else:
            self._buffer = BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if self._buffer is None:
            return None
        self._size += len(raw_data)
        if self._size > self.policy.limit:
            self._buffer = None
            _refuse(
                self.request,
                self.field_name,
                _("文件超过了%(limit)s的上限。") % {"limit": filesizeformat(self.policy.limit)},
            )
            return None
        self._buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self._buffer is None:
            return None
        self.accepted_fields.add(self.field_name)
        self._buffer.seek(0)
        return InMemoryUploadedFile(
            file=self._buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self._size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def gate_anonymous_uploads(request, view_func) -> None:
    """Called before anything reads request.POST: swap in the anonymous handler when nobody is signed in."""
    if request.user.is_authenticated:
        return
    request.upload_handlers = [AnonymousUploadHandler(request, getattr(view_func, "public_upload", None))]
