"""Materials through the API: the portal's upload checks, current files only, downloads for those who may see."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from applications import states as s
from tests.api.conftest import assert_error
from tests.applications.factories import PDF_BYTES, beihai_draft, pdf, png
from tests.factories import employer_user, staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def materials_url(application):
    return reverse("api:materials", args=[application.pk])


def test_an_upload_is_checked_kept_and_listed(api):
    application = beihai_draft()
    client = api(application.created_by)
    response = client.upload(materials_url(application), "passport", pdf("护照.pdf"))
    assert response.status_code == 201
    body = response.json()
    assert (body["material_code"], body["original_name"], body["content_type"]) == (
        "passport",
        "护照.pdf",
        "application/pdf",
    )
    download = client.get(body["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    listed = client.get(materials_url(application)).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


def test_a_replaced_file_leaves_the_list(api):
    application = beihai_draft()
    client = api(application.created_by)
    client.upload(materials_url(application), "photo", png())
    newer = client.upload(materials_url(application), "photo", png("new.png")).json()
    assert [row["id"] for row in client.get(materials_url(application)).json()["results"]] == [newer["id"]]


def test_the_content_decides_the_type_not_the_name(api):
    application = beihai_draft()
    fake = SimpleUploadedFile("passport.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = api(application.created_by, language="en").upload(materials_url(application), "passport", fake)
    body = assert_error(response, 400, "type")
    assert "passport.pdf" in body["message"] and "PDF" in body["message"]
    assert not application.materials.exists()


def test_an_upload_needs_a_file_and_a_code(api):
    application = beihai_draft()
    client = api(application.created_by)
    response = client.client.post(materials_url(application), {"material_code": "passport"}, **client.headers)
    assert "file" in assert_error(response, 400, "invalid")["fields"]


def test_no_uploads_once_submitted(api):
    application = make_application(state=s.SUBMITTED)
    response = api(application.created_by).upload(materials_url(application), "passport", pdf())
    assert_error(response, 409, "not_editable")


def test_another_organisation_neither_uploads_nor_downloads(api):
    application = beihai_draft()
    material = api(application.created_by).upload(materials_url(application), "passport", pdf()).json()
    stranger = api(employer_user())
    assert_error(stranger.upload(materials_url(application), "passport", pdf()), 404, "not_found")
    assert_error(stranger.get(material["download"]), 404, "not_found")
    assert_error(api(staff_user(roles.BEIHAI_SCITECH_REVIEWER)).get(material["download"]), 404, "not_found")
