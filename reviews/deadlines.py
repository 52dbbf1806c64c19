"""Deadlines of the review side, counted with the editable holiday calendar (regulations.calendar).

A date that needs a year whose calendar is not loaded is never guessed: the functions return None and a
reason that staff can read ("the 2027 holiday calendar is not loaded").
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from regulations.codes import BEIHAI

# The regulation's own numbers, used only when a version row leaves the setting empty.
BEIHAI_SLA_WORKING_DAYS = 5
BEIHAI_APPEAL_WINDOW_WORKING_DAYS = 5
BEIHAI_APPEAL_ANSWER_DAYS = 15
NANNING_NOTICE_DAYS = 7


@dataclass(frozen=True)
class Deadline:
    on: date | None
    unknown_reason: str = ""


def _calendar():
    from regulations import calendar

    return calendar


def not_loaded_message(year) -> str:
    return _("%(year)s年的节假日日历尚未载入，期限无法计算，请人工确认。") % {"year": year}


def _safe(compute) -> Deadline:
    cal = _calendar()
    try:
        return Deadline(on=compute(cal))
    except cal.CalendarNotLoaded as exc:
        return Deadline(on=None, unknown_reason=not_loaded_message(exc.year))


def review_due(accepted_on: date, version) -> Deadline:
    """Beihai Art. 5: at most N working days from acceptance to completion."""
    days = version.review_sla_working_days
    if days is None:
        days = BEIHAI_SLA_WORKING_DAYS if version.regulation.code == BEIHAI else None
    if days is None:
        return Deadline(on=None)
    return _safe(lambda cal: cal.add_working_days(accepted_on, days))


def notice_end(starts_on: date, version) -> Deadline:
    """Nanning Art. 7: the public notice runs N calendar days (or working days, a setting of the version)."""
    days = version.notice_days or NANNING_NOTICE_DAYS
    if version.notice_counts_working_days:
        return _safe(lambda cal: cal.add_working_days(starts_on, days))
    return _safe(lambda cal: cal.add_calendar_days(starts_on, days))


def appeal_window_end(result_on: date, version) -> Deadline:
    """Beihai Art. 13(3): a written request within N working days of receiving the result."""
    days = version.appeal_window_working_days or BEIHAI_APPEAL_WINDOW_WORKING_DAYS
    return _safe(lambda cal: cal.add_working_days(result_on, days))


def appeal_answer_due(filed_on: date, version) -> Deadline:
    """Beihai Art. 13(3): the joint re-review answers within N days (calendar days, Civil Code art. 201-203)."""
    days = version.appeal_answer_days or BEIHAI_APPEAL_ANSWER_DAYS
    return _safe(lambda cal: cal.add_calendar_days(filed_on, days))


@dataclass(frozen=True)
class DaysLeft:
    working_days: int | None
    overdue: bool
    unknown_reason: str = ""


def working_days_left(due_on: date | None, today: date, *, calendar=None) -> DaysLeft:
    """Working days from today to the due date; negative when overdue. Pass one `calendar`
    (regulations.calendar.Calendar) for many rows so the holiday table is read once per page."""
    if due_on is None:
        return DaysLeft(working_days=None, overdue=False)
    cal = _calendar()
    try:
        if due_on >= today:
            return DaysLeft(working_days=cal.working_days_between(today, due_on, calendar=calendar), overdue=False)
        return DaysLeft(working_days=-cal.working_days_between(due_on, today, calendar=calendar), overdue=True)
    except cal.CalendarNotLoaded as exc:
        return DaysLeft(working_days=None, overdue=due_on < today, unknown_reason=not_loaded_message(exc.year))
