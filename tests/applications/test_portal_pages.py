"""The portal pages: drafts keep what was typed, uploads are refused clearly, expired sessions lose nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import states as s
from applications.models import Application
from demo.samples import BEIHAI_BH1_FORM
from tests.applications.factories import PDF_BYTES, beihai_draft, png_bytes
from tests.factories import DEFAULT_PASSWORD, employer_user

pytestmark = pytest.mark.django_db


def _edit(client, application, data, **files):
    return client.post(reverse("applications:edit", args=[application.pk]), {**data, **files})


def test_an_employer_starts_a_beihai_draft(client):
    employer = employer_user()
    client.force_login(employer)
    response = client.post(reverse("applications:start", args=["beihai-foreign-talent"]))
    application = Application.objects.get(organisation=employer.organisation)
    assert response["Location"] == reverse("applications:edit", args=[application.pk])
    assert client.get(response["Location"]).status_code == 200


def test_a_talent_cannot_start_a_beihai_file_and_sees_why(client):
    from tests.factories import talent_user

    client.force_login(talent_user())
    response = client.post(reverse("applications:start", args=["beihai-foreign-talent"]), follow=True)
    assert "用人单位" in response.content.decode()
    assert not Application.objects.exists()


def test_a_validation_error_keeps_everything_typed_and_saves_the_valid_part(client):
    application = beihai_draft(criterion=None)
    client.force_login(application.created_by)
    response = _edit(
        client,
        application,
        {"full_name": "Jane Doe", "document_number": "X-1", "birth_date": "not-a-date", "action": "save"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="error-summary"' in body and "X-1" in body and "not-a-date" in body
    application.refresh_from_db()
    assert application.full_name == "Jane Doe"  # the valid part is saved
    assert application.form_data["document_number"] == ["X-1"]
    # Coming back later shows the same input and errors again.
    again = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    assert "X-1" in again and 'id="error-summary"' in again


def test_a_bad_upload_is_refused_with_a_translated_reason_and_other_input_is_kept(client):
    application = beihai_draft()
    client.force_login(application.created_by)
    response = _edit(
        client,
        application,
        {"full_name": "Jane Doe", "action": "save"},
        **{
            "material-passport": SimpleUploadedFile("passport.pdf", b"MZ fake program"),
            "material-photo": SimpleUploadedFile("me.png", png_bytes()),
        },
    )
    body = response.content.decode()
    assert "不是PDF、JPEG或PNG文件" in body
    application.refresh_from_db()
    assert application.full_name == "Jane Doe"
    assert list(application.materials.values_list("material_code", flat=True)) == ["photo"]


def test_the_criterion_chosen_and_its_materials_uploaded_in_one_submission_are_both_kept(client):
    """Someone who picks BH-1 and attaches its work permit and residence permit in the same click loses neither."""
    application = beihai_draft(criterion=None)
    client.force_login(application.created_by)
    response = _edit(
        client,
        application,
        {**BEIHAI_BH1_FORM, "action": "save"},
        **{
            "material-work-permit": SimpleUploadedFile("permit.pdf", PDF_BYTES),
            "material-residence-permit": SimpleUploadedFile("residence.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302, response.content.decode()
    application.refresh_from_db()
    assert application.criterion.code == "BH-1"
    kept = sorted(application.materials.filter(is_current=True).values_list("material_code", flat=True))
    assert kept == ["residence-permit", "work-permit"]


def test_the_refusal_is_in_english_for_english_users(client):
    application = beihai_draft()
    client.force_login(application.created_by)
    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        {"action": "save", "material-passport": SimpleUploadedFile("p.pdf", b"plain")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "is not a PDF, JPEG or PNG file" in response.content.decode()


def test_someone_else_logging_in_does_not_receive_the_stash(client):
    application = beihai_draft(criterion=None)
    url = reverse("applications:edit", args=[application.pk])
    client.post(url, {"full_name": "Injected", "action": "save"})
    other = employer_user()
    client.post(reverse("accounts:login"), {"username": other.email, "password": DEFAULT_PASSWORD})
    assert client.get(url).status_code == 404
    application.refresh_from_db()
    assert application.full_name != "Injected"


def test_the_status_page_shows_the_timeline_and_the_return_reason(client):
    from applications import services
    from tests.applications.factories import nanning_draft, upload_all

    application = nanning_draft()
    upload_all(application, application.talent)
    services.application_submit(application=application, by=application.talent, pledge_name="李明")
    employer = employer_user(organisation=application.organisation)
    client.force_login(employer)
    detail = reverse("applications:detail", args=[application.pk])
    assert "单位审核推荐" in client.get(detail).content.decode()
    client.post(
        reverse("applications:employer_decide", args=[application.pk]),
        {"decision": "return", "opinion": "缺少社保证明原件"},
    )
    application.refresh_from_db()
    assert application.state == s.RETURNED
    client.force_login(application.talent)
    body = client.get(detail).content.decode()
    assert "缺少社保证明原件" in body and "单位退回申请人" in body and "补正并重新提交" in body


def test_an_over_long_achievements_text_is_refused_with_the_count(client):
    from tests.applications.factories import nanning_draft

    application = nanning_draft()
    client.force_login(application.talent)
    response = client.post(
        reverse("applications:edit", args=[application.pk]), {"achievements": "业" * 501, "action": "save"}
    )
    assert "501" in response.content.decode()
