"""PIPL access log: every staff read of a person's file, material, form or certificate is recorded (who,
when, what, from where); applicants' own reads are not. Auditors filter and export it; nobody edits it.
Role grants are recorded with the role's code and name, who granted and when."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import roles
from applications import states as s
from audit.models import AccessAction, AccessRecord, RoleGrant
from audit.services import access_record
from certificates.services import certificate_issue
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import UserFactory, employer_user, staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cheap_form(monkeypatch):
    from certificates import documents

    monkeypatch.setattr(documents, "application_form_pdf", lambda application, **kwargs: b"%PDF-1.4 form")


def test_every_staff_read_is_recorded_with_who_what_and_where(client):
    application = make_application(state=s.SUBMITTED)
    material = application.materials.first()
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER, email="zhou@kjj.beihai.gov.cn")
    client.force_login(reviewer)
    for url in (
        reverse("reviews:application", args=[application.pk]),
        reverse("applications:detail", args=[application.pk]),
        reverse("applications:material_download", args=[material.pk]),
        reverse("certificates:application_form_pdf", args=[application.pk]),
    ):
        assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200, url
    rows = list(AccessRecord.objects.order_by("id"))
    assert [row.action for row in rows] == [
        AccessAction.VIEW,
        AccessAction.VIEW,
        AccessAction.MATERIAL,
        AccessAction.FORM,
    ]
    assert {row.user_id for row in rows} == {reviewer.pk}
    assert {row.application_reference for row in rows} == {application.reference}
    assert {row.ip for row in rows} == {"10.1.2.3"}
    assert rows[2].object_repr == material.original_name and rows[2].object_id == str(material.pk)
    assert rows[0].user_roles == roles.BEIHAI_SCITECH_REVIEWER


def test_certificate_downloads_by_staff_are_recorded(client):
    certificate = certificate_issue(application=recognised_application(), by=beihai_issuer())
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    client.force_login(reviewer)
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 200
    row = AccessRecord.objects.get(user=reviewer)
    assert row.action == AccessAction.CERTIFICATE and row.object_id == str(certificate.pk)


def test_the_applicants_own_reads_and_refused_reads_are_not_recorded(client):
    application = make_application(state=s.SUBMITTED)
    client.force_login(employer_user(application.organisation))
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
    client.force_login(staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER))
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    assert not AccessRecord.objects.exists()


def _log_rows():
    first = make_application(state=s.SUBMITTED)
    second = make_application(state=s.SUBMITTED)
    zhou = staff_user(roles.BEIHAI_SCITECH_REVIEWER, email="zhou@kjj.beihai.gov.cn")
    wu = staff_user(roles.BEIHAI_SCITECH_APPROVER, email="wu@kjj.beihai.gov.cn")
    access_record(user=zhou, action=AccessAction.VIEW, obj=first)
    access_record(user=wu, action=AccessAction.VIEW, obj=second)
    access_record(user=wu, action=AccessAction.MATERIAL, obj=second.materials.first())
    return first, second


def test_auditors_filter_by_person_file_and_action(client):
    first, second = _log_rows()
    client.force_login(staff_user(roles.AUDITOR))
    url = reverse("audit:access_log")
    assert len(client.get(url).context["page"].object_list) == 3
    by_user = client.get(url, {"user": "zhou@"}).context["page"].object_list
    assert [r.application_reference for r in by_user] == [first.reference]
    by_file = client.get(url, {"reference": second.reference}).context["page"].object_list
    assert len(by_file) == 2
    by_action = client.get(url, {"action": AccessAction.MATERIAL}).context["page"].object_list
    assert [r.action for r in by_action] == [AccessAction.MATERIAL]


def test_a_bad_filter_is_a_clear_error_not_a_crash(client):
    client.force_login(staff_user(roles.AUDITOR))
    response = client.get(reverse("audit:access_log"), {"date_from": "2026-12-31", "date_to": "2026-01-01"})
    assert response.status_code == 400 and "截止日期不能早于起始日期" in response.content.decode()
    response = client.get(reverse("audit:access_log"), {"date_from": "yesterday"})
    assert response.status_code == 400


def test_auditors_export_the_filtered_log_as_csv_and_the_export_is_recorded(client):
    first, second = _log_rows()
    auditor = staff_user(roles.AUDITOR)
    client.force_login(auditor)
    response = client.get(reverse("audit:access_log_export"), {"reference": second.reference})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "时间" and len(rows) == 3
    assert {row[5] for row in rows[1:]} == {second.reference}
    assert AccessRecord.objects.filter(user=auditor, action=AccessAction.EXPORT).count() == 1


def test_a_name_typed_as_a_formula_is_exported_as_text(client):
    application = make_application(state=s.SUBMITTED)
    material = application.materials.first()
    material.original_name = '=HYPERLINK("http://x")'  # file names are typed by applicants
    material.save()
    access_record(user=staff_user(roles.BEIHAI_SCITECH_REVIEWER), action=AccessAction.MATERIAL, obj=material)
    client.force_login(staff_user(roles.AUDITOR))
    text = b"".join(client.get(reverse("audit:access_log_export")).streaming_content).decode("utf-8-sig")
    exported = [row for row in csv.reader(io.StringIO(text)) if row[5] == application.reference]
    assert len(exported) == 1
    assert exported[0][4].startswith("'=HYPERLINK")


def test_only_auditors_read_the_log(client):
    for user in (staff_user(roles.BEIHAI_SCITECH_APPROVER), employer_user()):
        client.force_login(user)
        assert client.get(reverse("audit:access_log")).status_code == 403
        assert client.get(reverse("audit:access_log_export")).status_code == 403


def test_nobody_changes_or_deletes_a_record(client):
    first, _second = _log_rows()
    record = AccessRecord.objects.first()
    record.user_email = "someone-else@example.com"
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:audit_accessrecord_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_accessrecord_add")).status_code == 403
    change = client.post(reverse("admin:audit_accessrecord_change", args=[record.pk]), {"user_email": "x@y.z"})
    assert change.status_code == 403
    assert client.post(reverse("admin:audit_accessrecord_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    assert AccessRecord.objects.filter(pk=record.pk, user_email=record.user.email).exists()


def test_role_grants_are_recorded_with_code_name_granter_and_time(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory()
    client.force_login(superuser)
    reviewer_group = Group.objects.get(name=roles.BEIHAI_SCITECH_REVIEWER)
    form = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": "zh-hans",
        "is_active": "on",
        "groups": [reviewer_group.pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
    }
    response = client.post(reverse("admin:accounts_user_change", args=[user.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = RoleGrant.objects.get(user=user)
    assert grant.role_code == roles.BEIHAI_SCITECH_REVIEWER
    assert grant.role_name == "北海市科技局 初审人员"
    assert grant.by == superuser and grant.change == "granted" and grant.at is not None

    form["groups"] = []
    client.post(reverse("admin:accounts_user_change", args=[user.pk]), form)
    revoked = RoleGrant.objects.filter(user=user).order_by("-id").first()
    assert revoked.change == "revoked" and revoked.role_code == roles.BEIHAI_SCITECH_REVIEWER


def test_grants_made_outside_a_request_are_recorded_without_a_granter():
    user = staff_user(roles.AUDITOR)
    grant = RoleGrant.objects.get(user=user)
    assert grant.role_code == roles.AUDITOR and grant.by is None and grant.role_name == "个人信息访问审计员"
