"""Working days and calendar-day periods over the editable holiday table (CalendarDay, CalendarYear).

A working day is Monday-Friday unless the table marks it a holiday, or a weekend day the table marks an
adjusted working day (调休上班). A year without a CalendarYear row has no data: every function raises
CalendarNotLoaded rather than guess.
"""

import datetime as dt

from django.utils.translation import gettext as _

ONE_DAY = dt.timedelta(days=1)


class CalendarNotLoaded(Exception):
    """A date falls in a year whose holiday calendar has not been loaded; staff must add it in the admin."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"The {year} holiday calendar is not loaded")

    @property
    def message(self) -> str:
        return _(
            "%(year)s 年的节假日安排尚未载入，无法计算该期限。请管理员导入该年度节假日安排"
            "（后台“已载入的年度日历”，或 manage.py calendar import）。"
        ) % {"year": self.year}

    def __str__(self) -> str:
        return self.message


class Calendar:
    """The holiday table as of one revision of the reference data (regulations.reference): a year is read
    once per process and revision, so a page computing many deadlines costs no query for them.

    A computation that spans many dates passes one Calendar to every call, so all of them see the same
    revision."""

    def __init__(self):
        from regulations import reference

        self._reference = reference.current()

    def _year(self, year: int) -> dict[dt.date, str]:
        days = self._reference.calendar_year(year)
        if days is None:
            raise CalendarNotLoaded(year)
        return days

    def is_working_day(self, day: dt.date) -> bool:
        kind = self._year(day.year).get(day)
        if kind == "holiday":
            return False
        if kind == "workday":
            return True
        return day.weekday() < 5


def is_working_day(day: dt.date) -> bool:
    return Calendar().is_working_day(day)


def add_working_days(start: dt.date, n: int, *, calendar: Calendar | None = None) -> dt.date:
    """The n-th working day after `start` (the start day itself never counts; n=0 gives `start`)."""
    if n < 0:
        raise ValueError("n must not be negative")
    calendar = calendar or Calendar()
    day = start
    remaining = n
    while remaining:
        day += ONE_DAY
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def add_calendar_days(start: dt.date, n: int, *, calendar: Calendar | None = None) -> dt.date:
    """A period of n days (日): the start day does not count; if the last day is a rest day or holiday the
    period ends on the next working day (Civil Code art. 201, 203)."""
    if n < 0:
        raise ValueError("n must not be negative")
    calendar = calendar or Calendar()
    day = start + dt.timedelta(days=n)
    while not calendar.is_working_day(day):
        day += ONE_DAY
    return day


def working_days_between(start: dt.date, end: dt.date, *, calendar: Calendar | None = None) -> int:
    """Working days d with start < d <= end (negative when end is before start), so that
    working_days_between(s, add_working_days(s, n)) == n."""
    if end < start:
        return -working_days_between(end, start, calendar=calendar)
    calendar = calendar or Calendar()
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count


# How far ahead a missing year is announced: the longest chains of periods (acceptance, review, appeal window,
# appeal answer) run some six weeks, and the State Council publishes the next year's holidays in November.
WARN_DAYS_AHEAD = 60


def missing_years(today: dt.date | None = None, days_ahead: int = WARN_DAYS_AHEAD) -> list[int]:
    """Years from today to `days_ahead` days on whose holiday calendar no deadline can be computed yet."""
    from django.utils import timezone

    from regulations import reference

    today = today or timezone.localdate()
    wanted = set(range(today.year, (today + dt.timedelta(days=days_ahead)).year + 1))
    return sorted(wanted - reference.current().loaded_years)


def missing_year_message(year: int) -> str:
    """What staff must do about a missing year, in their language."""
    return _(
        "%(year)s 年的节假日安排尚未载入：届时的工作日期限将无法计算，需人工确认。国务院办公厅通知（及广西壮族三月三"
        "安排）发布后，请管理员在后台“已载入的年度日历”中导入，或运行 manage.py calendar import %(year)s 文件。"
    ) % {"year": year}
