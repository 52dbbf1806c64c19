"""An employer organisation's business licence (营业执照) on file, and staff verifying it against that file.

Gap that was found: staff could mark an organisation verified with nothing on file (no licence model, no
upload page, a bulk admin action with a fixed note), and verifying wrote no audit record.
"""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import Organisation, OrganisationLicence
from accounts.services import organisation_verify
from applications.models import Material
from audit.models import AccessRecord
from tests.factories import LICENCE_PDF, UserFactory, employer_user, licence_on_file, staff_user, talent_user

pytestmark = pytest.mark.django_db

PAGE = "accounts:organisation_licence"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _unverified_employer():
    employer = employer_user()
    Organisation.objects.filter(pk=employer.organisation_id).update(verified_at=None)
    employer.organisation.refresh_from_db()
    return employer


def _download(client, licence):
    return client.get(reverse("accounts:organisation_licence_download", args=[licence.pk]))


# ---------------------------------------------------------------- the employer's upload


def test_the_employer_uploads_a_pdf_kept_privately_with_its_original_name_only_in_the_database():
    employer = _unverified_employer()
    client = _signed_in(employer)
    response = client.post(
        reverse(PAGE), {"file": SimpleUploadedFile("营业执照 2026.pdf", LICENCE_PDF, "application/octet-stream")}
    )
    assert response.status_code == 302
    licence = OrganisationLicence.objects.get(organisation=employer.organisation)
    assert licence.is_current and licence.uploaded_by == employer
    assert licence.original_name == "营业执照 2026.pdf"
    assert licence.content_type == "application/pdf"  # read from the bytes, not the browser's claim
    assert licence.size == len(LICENCE_PDF) and licence.sha256 == hashlib.sha256(LICENCE_PDF).hexdigest()
    # The storage application materials use: the private one, with no URL, outside anything served.
    assert licence.file.storage is Material._meta.get_field("file").storage
    stored = Path(licence.file.path)
    assert stored.is_relative_to(Path(licence.file.storage.location))
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    assert "营业执照" not in stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == LICENCE_PDF
    page = client.get(reverse(PAGE)).content.decode()
    assert "营业执照 2026.pdf" in page and "正在等待工作人员核验" in page
    assert _download(client, licence).status_code == 200


def test_replacing_keeps_the_earlier_licence_in_history():
    employer = _unverified_employer()
    first = licence_on_file(employer.organisation, by=employer, name="old.pdf")
    second = licence_on_file(employer.organisation, by=employer, name="new.pdf")
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert employer.organisation.current_licence() == second


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("营业执照.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),  # a renamed .exe
        ("licence.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
    ],
)
def test_a_renamed_program_or_web_page_is_refused_and_the_licence_on_file_stays(name, content):
    employer = _unverified_employer()
    kept = licence_on_file(employer.organisation, by=employer)
    response = _signed_in(employer).post(reverse(PAGE), {"file": SimpleUploadedFile(name, content, "application/pdf")})
    assert response.status_code == 200
    assert "不是PDF、JPEG或PNG文件" in response.content.decode()
    assert list(employer.organisation.licences.all()) == [kept]
    kept.refresh_from_db()
    assert kept.is_current


def test_the_refusal_is_in_english_on_the_english_site():
    employer = _unverified_employer()
    response = _signed_in(employer).post(
        reverse(PAGE),
        {"file": SimpleUploadedFile("licence.pdf", b"<html><body>x</body></html>", "application/pdf")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "is not a PDF, JPEG or PNG file" in body
    assert "Business licence" in body
    assert not OrganisationLicence.objects.exists()


def test_no_file_chosen_says_so():
    response = _signed_in(_unverified_employer()).post(reverse(PAGE), {})
    assert response.status_code == 200 and "请选择营业执照文件" in response.content.decode()


def test_only_the_organisations_own_employer_users_reach_its_licence():
    employer = _unverified_employer()
    licence = licence_on_file(employer.organisation, by=employer)
    other_employer = employer_user()
    # Another organisation's employer has its own page: the upload lands on its own organisation.
    _signed_in(other_employer).post(reverse(PAGE), {"file": SimpleUploadedFile("x.pdf", LICENCE_PDF)})
    assert employer.organisation.current_licence() == licence
    assert other_employer.organisation.current_licence().uploaded_by == other_employer
    assert _download(_signed_in(other_employer), licence).status_code == 404
    for outsider in (talent_user(), staff_user(roles.AUDITOR), staff_user(roles.BEIHAI_PUBLIC_SECURITY)):
        client = _signed_in(outsider)
        assert client.get(reverse(PAGE)).status_code == 404
        assert client.post(reverse(PAGE), {"file": SimpleUploadedFile("x.pdf", LICENCE_PDF)}).status_code == 404
        assert _download(client, licence).status_code == 404
    anonymous = Client()
    assert anonymous.get(reverse(PAGE)).status_code == 302
    assert anonymous.post(reverse(PAGE), {"file": SimpleUploadedFile("x.pdf", LICENCE_PDF)}).status_code == 302
    assert _download(anonymous, licence).status_code == 302
    assert list(employer.organisation.licences.all()) == [licence]
    assert not AccessRecord.objects.exists()


def test_the_dashboard_links_the_pending_organisation_to_its_licence_page():
    employer = _unverified_employer()
    client = _signed_in(employer)
    page = client.get(reverse("applications:dashboard")).content.decode()
    assert "本单位尚未上传营业执照" in page and reverse(PAGE) in page
    licence_on_file(employer.organisation, by=employer)
    page = client.get(reverse("applications:dashboard")).content.decode()
    assert "正在等待工作人员核验" in page and "本单位尚未上传营业执照" not in page


# ---------------------------------------------------------------- staff read and verify


def test_a_checker_downloads_the_licence_and_the_read_is_logged():
    licence = licence_on_file(_unverified_employer().organisation)
    checker = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    response = _download(_signed_in(checker), licence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == LICENCE_PDF
    assert "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    record = AccessRecord.objects.get()
    assert (record.user, record.action, record.object_id) == (checker, "licence", str(licence.pk))
    assert licence.organisation.name in record.object_repr


def test_a_checker_employed_by_the_organisation_neither_reads_nor_verifies_it():
    organisation = _unverified_employer().organisation
    licence = licence_on_file(organisation)
    insider = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER, organisation=organisation)
    assert _download(_signed_in(insider), licence).status_code == 404
    with pytest.raises(ValidationError) as refusal:
        organisation_verify(organisation=organisation, by=insider)
    assert refusal.value.code == "conflict"
    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_verifying_without_a_licence_is_refused_and_the_organisation_stays_unverified():
    organisation = _unverified_employer().organisation
    with pytest.raises(ValidationError) as refusal:
        organisation_verify(organisation=organisation, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert refusal.value.code == "no_licence"
    assert "尚未上传营业执照" in refusal.value.messages[0]
    organisation.refresh_from_db()
    assert not organisation.is_verified and organisation.verified_by is None
    assert not AccessRecord.objects.exists()


def test_verifying_with_a_licence_names_it_in_the_note_and_writes_the_audit_row():
    organisation = _unverified_employer().organisation
    licence = licence_on_file(organisation, name="执照扫描件.pdf")
    checker = staff_user(roles.NANNING_COMMITTEE_APPROVER)
    organisation = organisation_verify(organisation=organisation, by=checker, note="原件已核对")
    assert organisation.is_verified and organisation.verified_by == checker
    assert licence.sha256[:12] in organisation.verification_note
    assert "执照扫描件.pdf" in organisation.verification_note and "原件已核对" in organisation.verification_note
    assert timezone.localtime(licence.uploaded_at).strftime("%Y-%m-%d") in organisation.verification_note
    record = AccessRecord.objects.get()
    assert (record.user, record.action, record.object_id) == (checker, "verify", str(licence.pk))
    # Verifying again changes nothing and writes nothing.
    organisation_verify(organisation=organisation, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert AccessRecord.objects.count() == 1


def test_the_admin_action_verifies_one_by_one_and_reports_each_refusal():
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    ready = _unverified_employer().organisation
    licence_on_file(ready)
    missing = _unverified_employer().organisation
    already = employer_user().organisation
    response = _signed_in(admin_user).post(
        reverse("admin:accounts_organisation_changelist"),
        {"action": "verify_selected", "_selected_action": [ready.pk, missing.pk, already.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any(missing.name in line and "尚未上传营业执照" in line for line in shown), shown
    assert any(already.name in line and "此前已核验" in line for line in shown), shown
    assert "已核验1个单位。" in shown
    ready.refresh_from_db()
    missing.refresh_from_db()
    assert ready.is_verified and not missing.is_verified
    assert AccessRecord.objects.filter(action="verify", user=admin_user).count() == 1


def test_the_admin_shows_the_licence_through_the_logged_download():
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    licence = licence_on_file(_unverified_employer().organisation)
    client = _signed_in(admin_user)
    page = client.get(reverse("admin:accounts_organisation_change", args=[licence.organisation_id])).content.decode()
    link = reverse("accounts:organisation_licence_download", args=[licence.pk])
    assert link in page
    assert client.get(link).status_code == 200
    assert AccessRecord.objects.get().action == "licence"
