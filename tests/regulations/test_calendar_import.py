"""A year missing from the holiday calendar is announced to staff in advance and loaded in one step.

Spec §4: national holidays and swaps are announced each November by the State Council; Guangxi adds 壮族三月三;
`chinesecalendar` stops at 2026, so a deadline in 2027 is flagged for a person, never guessed.
"""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts import roles
from applications import services as portal
from regulations import calendar
from regulations.models import CalendarDay, CalendarYear
from regulations.services import CalendarImportError, calendar_import
from tests.applications.factories import beihai_draft, upload_all
from tests.clock import set_now
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

NOTICE_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-02-06..2027-02-12,holiday,春节
2027-02-20,workday,春节调休上班
2027-04-09..2027-04-10,holiday,壮族三月三
2027-10-01..2027-10-07,holiday,国庆节
2027-10-09,workday,国庆节调休上班
"""


def _file(text, name="2027.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_a_missing_year_within_sixty_days_is_announced(monkeypatch):
    set_now(monkeypatch, "2026-10-15 09:00")
    assert calendar.missing_years() == []  # 2027 is 78 days away
    set_now(monkeypatch, "2026-11-05 09:00")
    assert calendar.missing_years() == [2027]
    assert "2027" in calendar.missing_year_message(2027)
    assert "manage.py calendar import 2027" in calendar.missing_year_message(2027)


def test_the_staff_console_shows_the_banner_and_it_goes_once_the_year_is_loaded(client, monkeypatch):
    set_now(monkeypatch, "2026-12-04 09:00")
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    page = client.get(reverse("reviews:queue")).content.decode()
    assert "calendar-missing" in page and "2027 年的节假日安排尚未载入" in page

    calendar_import(year=2027, file=_file(NOTICE_2027), by=None)
    assert "calendar-missing" not in client.get(reverse("reviews:queue")).content.decode()


def test_the_check_command_fails_while_a_year_is_missing(monkeypatch, capsys):
    set_now(monkeypatch, "2026-12-04 09:00")
    with pytest.raises(SystemExit) as exit_:
        call_command("calendar", "check")
    assert exit_.value.code == 1
    assert "2027" in capsys.readouterr().err
    calendar_import(year=2027, file=_file(NOTICE_2027), by=None)
    call_command("calendar", "check")
    assert "loaded" in capsys.readouterr().out


def test_import_loads_holidays_and_make_up_days_in_one_step(tmp_path, capsys):
    path = tmp_path / "2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    call_command("calendar", "import", "2027", str(path), "--source", "国办发明电〔2026〕7号")
    out = capsys.readouterr().out
    assert "17 holiday(s) and 2 adjusted working day(s)" in out

    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕7号"
    assert not calendar.is_working_day(dt.date(2027, 2, 10))  # Spring Festival
    assert calendar.is_working_day(dt.date(2027, 2, 20))  # a Saturday made a working day
    assert not calendar.is_working_day(dt.date(2027, 4, 9))  # 三月三
    assert calendar.add_working_days(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)


def test_json_with_the_notice_as_source_is_accepted():
    data = {
        "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "days": [
            {"date": "2027-01-01", "kind": "放假", "name": "元旦"},
            {"date": "2027-02-20", "kind": "上班", "name": "春节调休"},
        ],
    }
    report = calendar_import(year=2027, file=_file(json.dumps(data, ensure_ascii=False), "2027.json"), by=None)
    assert (report.holidays, report.workdays) == (1, 1)
    assert CalendarYear.objects.get(year=2027).source == data["source"]
    assert report.warnings and "三月三" in report.warnings[0]


def test_every_problem_is_reported_with_its_line_and_nothing_is_imported():
    bad = """date,kind,name
2027-01-01,holiday,元旦
2028-01-01,holiday,元旦
2027-02-17,workday,调休
2027-13-01,holiday,错
2027-03-01,rest,错
2027-01-01,holiday,重复
"""
    with pytest.raises(CalendarImportError) as error:
        calendar_import(year=2027, file=_file(bad), by=None)
    problems = error.value.problems
    assert any("第3行" in p and "不在 2027 年" in p for p in problems)
    assert any("第4行" in p and "2027-02-17" in p and "周六或周日" in p for p in problems)  # a Wednesday
    assert any("第5行" in p and "YYYY-MM-DD" in p for p in problems)
    assert any("第6行" in p and "holiday" in p and "workday" in p for p in problems)
    assert any("第7行" in p and "重复" in p for p in problems)
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_a_wrong_header_says_which_columns_are_needed():
    with pytest.raises(CalendarImportError) as error:
        calendar_import(year=2027, file=_file("day;type\n2027-01-01;holiday\n"), by=None)
    assert "date,kind,name" in error.value.problems[0]


def test_a_loaded_year_is_replaced_only_when_asked():
    notice_2026 = "date,kind,name\n2026-10-01..2026-10-08,holiday,国庆节\n2026-10-10,workday,国庆节调休上班\n"
    with pytest.raises(CalendarImportError) as error:
        calendar_import(year=2026, file=_file(notice_2026), by=None)
    assert "已经载入" in error.value.problems[0] and "--replace" in error.value.problems[0]
    before = CalendarDay.objects.filter(date__year=2026).count()
    assert before > 10

    report = calendar_import(year=2026, file=_file(notice_2026), by=None, replace=True)
    assert report.replaced == before
    # Replaced days stay in the history.
    assert CalendarDay.history.filter(date__year=2026, history_type="-").count() == before


def test_the_command_names_a_missing_file():
    with pytest.raises(CommandError) as error:
        call_command("calendar", "import", "2027", "/nonexistent/2027.csv")
    assert "no such file" in str(error.value)


def test_deadlines_that_waited_for_the_year_are_computed_once_it_is_loaded(
    monkeypatch, django_capture_on_commit_callbacks
):
    set_now(monkeypatch, "2026-12-29 09:00")
    application = beihai_draft()
    upload_all(application, application.created_by)
    receipt = portal.application_submit(application=application, by=application.created_by, pledge_name="J").receipt
    assert receipt.acceptance_due_on is None and "2027" in receipt.acceptance_due_unknown_reason

    with django_capture_on_commit_callbacks(execute=True):
        calendar_import(year=2027, file=_file(NOTICE_2027), by=None)
    application.refresh_from_db()
    receipt.refresh_from_db()
    # Tue 29 Dec: Wed 30, Thu 31, (1 Jan holiday, weekend) Mon 4, Tue 5, Wed 6.
    assert application.acceptance_due_on == dt.date(2027, 1, 6) == receipt.acceptance_due_on
    assert application.due_unknown_reason == ""


def test_the_admin_imports_a_year_and_is_told_exactly_what_is_wrong(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin.save()
    client.force_login(admin, backend=MODEL_BACKEND)
    url = reverse("admin:regulations_calendaryear_import")
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("admin:regulations_calendaryear_changelist")).content.decode()

    refused = client.post(url, {"year": 2027, "file": _file("date,kind,name\n2027-02-17,workday,调休\n")})
    assert refused.status_code == 400
    assert "周六或周日" in refused.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()

    done = client.post(url, {"year": 2027, "file": _file(NOTICE_2027), "source": "国办发明电〔2026〕7号"})
    assert done.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert year.history.first().history_user == admin
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(object_id=str(year.pk), user=admin).exists()


def test_calendar_import_reads_gb18030_files():
    raw = io.BytesIO(NOTICE_2027.encode("gb18030"))
    raw.name = "2027.csv"
    report = calendar_import(year=2027, file=raw, by=None)
    assert report.holidays == 17 and CalendarDay.objects.get(date=dt.date(2027, 1, 1)).name == "元旦"


def test_a_file_too_large_to_be_a_holiday_notice_is_refused():
    with pytest.raises(CalendarImportError) as error:
        calendar_import(year=2027, file=_file("date,kind,name\n" + "x" * (1024 * 1024)), by=None)
    assert "1 MB" in error.value.problems[0]
    assert not CalendarYear.objects.filter(year=2027).exists()
