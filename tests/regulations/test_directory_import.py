"""The Nanning directory of enterprises: import from CSV or XLSX, by credit code, with history and reasons."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regulations.models import DirectoryEnterprise
from regulations.services import DirectoryImportError, directory_import
from tests.factories import UserFactory, make_credit_code

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
GOOD1, GOOD2 = make_credit_code(101), make_credit_code(102)


def staff(**kwargs):
    # UserFactory sets the password after saving and only saves again when roles are given; without the save
    # the session's password hash would not match the database and force_login would not stick.
    user = UserFactory(is_staff=True, **kwargs)
    user.save()
    return user


def csv_file(text: str, encoding="utf-8"):
    return SimpleUploadedFile("directory.csv", text.encode(encoding), content_type="text/csv")


def xlsx_file(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("directory.xlsx", buffer.getvalue())


def test_csv_creates_updates_and_rejects_with_reasons():
    by = UserFactory(is_staff=True)
    DirectoryEnterprise.objects.create(name="旧名称", credit_code=GOOD2, joined_on="2022-01-01")
    text = (
        "企业名称,统一社会信用代码,纳入名录日期,移出名录日期\n"
        f"南宁甲公司,{GOOD1},2022-03-01,\n"
        f"南宁乙公司,{GOOD2},2022-01-01,2025-06-30\n"
        "南宁丙公司,123,2022-03-01,\n"
        f"南宁丁公司,{make_credit_code(103)},2022/13/01,\n"
        f",{make_credit_code(104)},2022-03-01,\n"
        f"南宁戊公司,{make_credit_code(105)},2023-03-01,2022-01-01\n"
        f"南宁甲公司重复,{GOOD1},2022-03-01,\n"
    )
    report = directory_import(file=csv_file(text), by=by)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert [number for number, _reason in report.rejected] == [4, 5, 6, 7, 8]
    reasons = dict(report.rejected)
    assert "18" in reasons[4]
    assert "2022/13/01" in reasons[5]
    assert "重复" in reasons[8]
    updated = DirectoryEnterprise.objects.get(credit_code=GOOD2)
    assert updated.name == "南宁乙公司" and str(updated.left_on) == "2025-06-30"
    latest = updated.history.latest()
    assert latest.history_user == by and latest.history_change_reason == "directory import"
    assert updated.history.count() == 2


def test_reimport_is_idempotent():
    by = UserFactory(is_staff=True)
    text = f"name,credit_code,joined_on,left_on\nA,{GOOD1},2022-03-01,\n"
    directory_import(file=csv_file(text), by=by)
    report = directory_import(file=csv_file(text), by=by)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert DirectoryEnterprise.objects.get().history.count() == 1


def test_gb18030_csv():
    report = directory_import(
        file=csv_file(f"企业名称,统一社会信用代码,纳入名录日期\n南宁公司,{GOOD1},2022-03-01\n", "gb18030"), by=None
    )
    assert report.created == 1 and DirectoryEnterprise.objects.get().name == "南宁公司"


def test_xlsx_with_real_dates():
    import datetime as dt

    rows = [
        ["企业名称", "统一社会信用代码", "纳入名录日期", "移出名录日期"],
        ["南宁甲公司", GOOD1, dt.datetime(2022, 3, 1), None],
        ["南宁乙公司", GOOD2.lower(), "2023-05-01", "2026-01-01"],
    ]
    report = directory_import(file=xlsx_file(rows), by=None)
    assert report.created == 2 and not report.rejected
    assert str(DirectoryEnterprise.objects.get(credit_code=GOOD2).left_on) == "2026-01-01"


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.csv", b""),
        SimpleUploadedFile("x.csv", b"name,foo\nA,B\n"),
        SimpleUploadedFile("x.xlsx", b"PK\x03\x04 damaged"),
        SimpleUploadedFile("x.csv", b"\x81\x30\xff\xff\xfe"),
    ],
)
def test_unreadable_files_import_nothing(upload):
    with pytest.raises(DirectoryImportError):
        directory_import(file=upload, by=None)
    assert not DirectoryEnterprise.objects.exists()


def test_admin_import_view(client):
    admin = staff(is_superuser=True)
    client.force_login(admin, backend=MODEL_BACKEND)
    url = "/admin/regulations/directoryenterprise/import/"
    assert client.get(url).status_code == 200
    text = f"name,credit_code,joined_on\nA,{GOOD1},2022-03-01\nB,bad,2022-03-01\n"
    response = client.post(url, {"file": csv_file(text)})
    assert response.status_code == 200
    body = response.content.decode()
    assert DirectoryEnterprise.objects.filter(credit_code=GOOD1).exists()
    assert "<td>3</td>" in body
    assert client.get("/admin/regulations/directoryenterprise/").status_code == 200


def test_admin_import_needs_permission(client):
    client.force_login(staff(), backend=MODEL_BACKEND)
    response = client.get("/admin/regulations/directoryenterprise/import/")
    assert response.status_code in (302, 403)
