"""Checking an uploaded file before it is kept: type from content, size, image decompression bombs.

The browser's file name and content type are never trusted: libmagic reads the bytes. Images are opened
with Pillow under a pixel ceiling so that a small file that expands to gigabytes is refused, not decoded.
"""

import hashlib
import os
import uuid
import warnings
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
IMAGE_TYPES = {"image/jpeg", "image/png"}
# Pillow's own default (about 89 megapixels) is generous; a scanned A4 page at 600 dpi is ~35 megapixels.
MAX_IMAGE_PIXELS = 50_000_000
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str

    def random_name(self) -> str:
        return f"{uuid.uuid4().hex}{self.extension}"


class KeptFile(models.Model):
    """The fields upload_keep fills, for a model that keeps uploaded files (its own `file` field says where in
    private storage): the original name is kept only here, the stored name is random."""

    original_name = models.CharField(gettext_lazy("原文件名"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    is_current = models.BooleanField(default=True, help_text=gettext_lazy("被替换的旧文件保留在历史中"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


def clean_original_name(name: str) -> str:
    """Keep the name only for display: strip any path, control characters and excessive length."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or _("未命名文件"))[:255]


def check_upload(uploaded) -> CheckedUpload:
    """Validate an UploadedFile; raise ValidationError with a translated message naming the refusal."""
    limit = settings.UPLOAD_MAX_BYTES
    name = clean_original_name(getattr(uploaded, "name", ""))
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("文件“%(name)s”大小为%(size)s，超过了%(limit)s的上限。")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    chunks = []
    read = 0
    for chunk in uploaded.chunks():
        read += len(chunk)
        if read > limit:
            raise ValidationError(
                _("文件“%(name)s”超过了%(limit)s的上限。") % {"name": name, "limit": filesizeformat(limit)},
                code="too_large",
            )
        chunks.append(chunk)
    content = b"".join(chunks)
    if not content:
        raise ValidationError(_("文件“%(name)s”是空文件。") % {"name": name}, code="empty")

    content_type = magic.from_buffer(content[:SNIFF_BYTES], mime=True)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("文件“%(name)s”不是PDF、JPEG或PNG文件（按文件内容识别，与扩展名无关）。") % {"name": name},
            code="type",
        )
    if content_type in IMAGE_TYPES:
        _check_image(content, name)
    elif not content.rstrip().endswith(b"%%EOF") and b"%%EOF" not in content[-2048:]:
        raise ValidationError(_("PDF文件“%(name)s”不完整或已损坏，请重新导出后上传。") % {"name": name}, code="broken")

    return CheckedUpload(
        content=content,
        content_type=content_type,
        extension=ALLOWED_TYPES[content_type],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=name,
    )


def _check_image(content: bytes, name: str) -> None:
    import io

    too_big = ValidationError(
        _("图片“%(name)s”的像素尺寸过大（超过%(limit)d百万像素），请缩小后上传。")
        % {"name": name, "limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="bomb",
    )
    broken = ValidationError(_("图片“%(name)s”无法读取或已损坏。") % {"name": name}, code="broken")
    try:
        with warnings.catch_warnings():
            # Pillow warns between the limit and twice the limit; treat the warning as the refusal it is.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise too_big
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many types for truncated or hostile files
        raise broken from None


def upload_keep(*, material, uploaded, replaces):
    """Check `uploaded` and keep it as `material` (an unsaved row with the material fields: file,
    original_name, content_type, size, sha256, is_current), the current files in `replaces` staying in
    history as no longer current. The one way an uploaded file is stored, for an application's materials, a
    benefit request's and an organisation's business licence alike. Nothing changes if the check refuses."""
    from django.core.files.base import ContentFile

    checked = check_upload(uploaded)
    for previous in replaces.filter(is_current=True):
        previous.is_current = False
        previous.save()
    material.original_name = checked.original_name
    material.content_type = checked.content_type
    material.size = checked.size
    material.sha256 = checked.sha256
    material.file.save(checked.random_name(), ContentFile(checked.content), save=False)
    material.save()
    return material


def stored_file_response(file_field, *, original_name: str, content_type: str, inline: bool = False):
    """Serve a kept file under its original name (never its random stored one), not cached; 404 if the
    file is gone from storage."""
    import mimetypes
    from urllib.parse import quote

    from django.http import FileResponse, Http404

    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = mimetypes.guess_extension(content_type) or ""
    name = original_name if original_name.lower().endswith(extension) else original_name + extension
    response = FileResponse(handle, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    ascii_name = name.encode("ascii", "ignore").decode() or f"file{extension}"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name.replace(chr(34), '')}\"; filename*=UTF-8''{quote(name)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
