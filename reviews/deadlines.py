"""Deadlines of the review side, counted with the editable holiday calendar (regulations.calendar).

A date that needs a year whose calendar is not loaded is never guessed: the functions return None and a
reason that staff can read ("the 2027 holiday calendar is not loaded").

How many days each period lasts is the version's setting, else the regulation's own number (its policy's):
`policy_for(version).period(version, name)`. A regulation without such a period has no such deadline.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from regulations.policies import policy_for


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


def _period_end(start: date, version, name: str, *, working_days: bool) -> Deadline:
    """`start` plus the version's period `name` (else the regulation's own); no date if it has no such period."""
    days = policy_for(version).period(version, name)
    if days is None:
        return Deadline(on=None)
    if working_days:
        return _safe(lambda cal: cal.add_working_days(start, days))
    return _safe(lambda cal: cal.add_calendar_days(start, days))


def review_due(accepted_on: date, version) -> Deadline:
    """Beihai Art. 5: at most N working days from acceptance to completion."""
    return _period_end(accepted_on, version, "review_sla_working_days", working_days=True)


def notice_end(starts_on: date, version) -> Deadline:
    """Nanning Art. 7: the public notice runs N calendar days (or working days, a setting of the version)."""
    return _period_end(starts_on, version, "notice_days", working_days=version.notice_counts_working_days)


def appeal_window_end(result_on: date, version) -> Deadline:
    """Beihai Art. 13(3): a written request within N working days of receiving the result."""
    return _period_end(result_on, version, "appeal_window_working_days", working_days=True)


def appeal_answer_due(filed_on: date, version) -> Deadline:
    """Beihai Art. 13(3): the joint re-review answers within N days (calendar days, Civil Code art. 201-203)."""
    return _period_end(filed_on, version, "appeal_answer_days", working_days=False)


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
