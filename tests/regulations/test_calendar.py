"""Working days over the holiday table: National Day, Spring Festival swaps, Guangxi 三月三, and no guessing."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from regulations.calendar import (
    CalendarNotLoaded,
    add_calendar_days,
    add_working_days,
    is_working_day,
    working_days_between,
)
from regulations.models import CalendarDay

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2026, 10, 1), False),  # National Day
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday made a working day
        (D(2026, 9, 20), True),  # Sunday made a working day
        (D(2026, 2, 14), True),  # Saturday before Spring Festival, worked
        (D(2026, 2, 17), False),  # Spring Festival
        (D(2026, 2, 28), True),  # Saturday after Spring Festival, worked
        (D(2026, 4, 20), False),  # 三月三 (Monday, lunar 3/4)
        (D(2025, 3, 31), False),  # 三月三 2025
        (D(2025, 4, 1), False),
        (D(2026, 11, 21), False),  # plain Saturday
        (D(2026, 11, 23), True),  # plain Monday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    "start, n, result",
    [
        (D(2026, 9, 30), 5, D(2026, 10, 13)),  # 10-08, 10-09, 10-10 (Sat, worked), 10-12, 10-13
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # the swap Saturday counts
        (D(2026, 2, 13), 2, D(2026, 2, 24)),  # then the Spring Festival holiday to 02-23
        (D(2026, 2, 24), 4, D(2026, 2, 28)),  # Saturday 02-28 is a working day
        (D(2025, 3, 28), 1, D(2025, 4, 2)),  # Fri → weekend, 三月三 Mon+Tue → Wed
        (D(2026, 11, 20), 0, D(2026, 11, 20)),
        (D(2026, 12, 24), 5, D(2026, 12, 31)),
    ],
)
def test_add_working_days(start, n, result):
    assert add_working_days(start, n) == result
    assert working_days_between(start, result) == n


@pytest.mark.parametrize(
    "start, n, result",
    [
        (D(2026, 9, 28), 5, D(2026, 10, 8)),  # ends 10-03, a holiday: moves to the next working day
        (D(2026, 11, 13), 7, D(2026, 11, 20)),  # ends on a Friday
        (D(2026, 11, 14), 7, D(2026, 11, 23)),  # ends on a Saturday: Monday
        (D(2026, 9, 13), 7, D(2026, 9, 20)),  # ends on a Sunday that is an adjusted working day: stays
    ],
)
def test_add_calendar_days_civil_code_rule(start, n, result):
    assert add_calendar_days(start, n) == result


def test_working_days_between_is_antisymmetric():
    assert working_days_between(D(2026, 10, 12), D(2026, 9, 30)) == -4
    assert working_days_between(D(2026, 9, 30), D(2026, 9, 30)) == 0


def test_2027_is_not_loaded_and_is_never_guessed():
    with pytest.raises(CalendarNotLoaded) as caught:
        add_working_days(D(2026, 12, 24), 6)
    assert caught.value.year == 2027
    with translation.override("en"):
        assert "2027 holiday calendar is not loaded" in caught.value.message
    with pytest.raises(CalendarNotLoaded):
        add_calendar_days(D(2026, 12, 30), 3)
    with pytest.raises(CalendarNotLoaded):
        is_working_day(D(2027, 1, 4))
    with pytest.raises(CalendarNotLoaded):
        working_days_between(D(2026, 12, 1), D(2027, 1, 10))


def test_staff_can_load_a_new_year_in_the_table():
    from regulations.models import CalendarYear

    CalendarYear.objects.create(year=2027, source="国务院办公厅通知（测试）")
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.HOLIDAY, name="元旦")
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # Friday 01-01 off, then the weekend


def test_an_edited_day_takes_effect_at_once():
    CalendarDay.objects.create(date=D(2026, 11, 23), kind=CalendarDay.HOLIDAY, name="测试")
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 24)


def test_commands_print_iso_dates_and_counts(capsys):
    call_command("workdays", "add", "2026-09-30", "5")
    call_command("workdays", "between", "2026-09-30", "2026-10-13")
    call_command("calendar-days", "add", "2026-09-28", "5")
    assert capsys.readouterr().out.split() == ["2026-10-13", "5", "2026-10-08"]


@pytest.mark.parametrize(
    "args",
    [
        ("workdays", "add", "2026-12-24", "10"),
        ("workdays", "add", "2026-13-01", "1"),
        ("workdays", "add", "2026-10-01", "x"),
        ("calendar-days", "add", "2026-12-30", "5"),
    ],
)
def test_commands_report_errors_without_traceback(args):
    with pytest.raises(CommandError):
        call_command(*args)
