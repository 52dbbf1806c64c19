"""Issue 9: files from a request without a signed-in user are never written; pending/ is cleaned by a job.

Probe that failed: three anonymous multipart POSTs to a portal URL parked 540 MiB under pending/, forever.
"""

import datetime as dt
import io
import os
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hardening.tasks import clean_pending_uploads
from tests.applications.factories import PDF_BYTES, beihai_draft
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def _stored_files():
    root = settings.PRIVATE_STORAGE_ROOT
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def test_an_anonymous_multipart_post_writes_no_file_anywhere(client):
    application = beihai_draft(criterion=None)
    url = reverse("applications:edit", args=[application.pk])
    big = PDF_BYTES + b"0" * (3 * 1024 * 1024)  # above the in-memory limit: Django would spool it to disk
    with (
        mock.patch.object(TemporaryFileUploadHandler, "new_file") as to_disk,
        mock.patch.object(MemoryFileUploadHandler, "new_file") as to_memory,
    ):
        for _ in range(3):
            response = client.post(
                url,
                {
                    "full_name": "Typed Before Expiry",
                    "action": "save",
                    "material-passport": SimpleUploadedFile("p.pdf", big),
                    "material-photo": SimpleUploadedFile("q.pdf", big),
                },
            )
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not to_disk.called and not to_memory.called
    assert _stored_files() == []


def test_the_typed_fields_come_back_after_login_and_the_user_is_told_to_choose_the_files_again(client):
    application = beihai_draft(criterion=None)
    employer = application.created_by
    url = reverse("applications:edit", args=[application.pk])
    response = client.post(
        url,
        {
            "full_name": "Typed Before Expiry",
            "action": "save",
            "material-passport": SimpleUploadedFile("p.pdf", PDF_BYTES),
        },
    )
    login_page = client.get(response["Location"])
    assert "所选文件未被接收，请登录后重新选择" in login_page.content.decode()
    login = client.post(response["Location"], {"username": employer.email, "password": DEFAULT_PASSWORD, "next": url})
    assert login["Location"] == url
    assert client.get(url).status_code == 200
    application.refresh_from_db()
    assert application.full_name == "Typed Before Expiry"
    assert not application.materials.exists()


def test_a_huge_anonymous_request_is_refused_before_it_is_read(client):
    application = beihai_draft(criterion=None)
    url = reverse("applications:edit", args=[application.pk])
    response = client.post(
        url,
        {"material-passport": SimpleUploadedFile("p.pdf", b"0" * (settings.ANONYMOUS_MAX_REQUEST_BYTES + 1))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    assert "sign in" in response.content.decode().lower()
    assert _stored_files() == []


def test_a_signed_in_user_still_uploads(client):
    application = beihai_draft(criterion=None)
    client.force_login(application.created_by)
    url = reverse("applications:edit", args=[application.pk])
    client.post(url, {"action": "save", "material-passport": SimpleUploadedFile("p.pdf", PDF_BYTES)})
    assert application.materials.filter(material_code="passport", is_current=True).exists()


def _park(name, age_hours):
    storage = storages["private"]
    saved = storage.save(f"pending/{name}", ContentFile(b"x" * 10))
    when = (timezone.now() - dt.timedelta(hours=age_hours)).timestamp()
    os.utime(storage.path(saved), (when, when))
    return saved


def test_the_cleaning_job_removes_parked_files_older_than_a_day_and_keeps_recent_ones():
    old, recent = _park("old.pdf", 25), _park("recent.pdf", 1)
    out = io.StringIO()
    call_command("clean_pending_uploads", stdout=out)
    storage = storages["private"]
    assert not storage.exists(old) and storage.exists(recent)
    assert "1 pending file(s) removed" in out.getvalue()
    call_command("clean_pending_uploads", stdout=out)  # idempotent


def test_the_cleaning_job_is_a_celery_beat_entry():
    entry = next(
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "hardening.tasks.clean_pending_uploads"
    )
    assert entry["schedule"] <= 24 * 3600
    old = _park("stale.png", 48)
    assert clean_pending_uploads.delay().get() == [old]


def test_upload_temporary_files_stay_inside_private_storage():
    from talentportal import settings as configured  # the tests move private storage to a temporary folder

    temp_dir = configured.FILE_UPLOAD_TEMP_DIR
    assert temp_dir.startswith(str(configured.PRIVATE_STORAGE_ROOT) + os.sep)
    assert os.path.isdir(temp_dir)


def test_a_signed_in_request_has_a_ceiling_too(client, settings):
    settings.MAX_REQUEST_BYTES = 64 * 1024
    application = beihai_draft(criterion=None)
    client.force_login(application.created_by)
    url = reverse("applications:edit", args=[application.pk])
    response = client.post(url, {"material-passport": SimpleUploadedFile("p.pdf", PDF_BYTES + b"0" * 70000)})
    assert response.status_code == 413 and "请分几次上传" in response.content.decode()
    assert not application.materials.exists()
