"""Deadlines in working days from the editable calendar (Beihai Art. 5: 5 working days)."""

import datetime
from unittest import mock

import pytest

from accounts import roles
from applications import states as s
from reviews import services
from reviews.selectors import QueueFilters, deadline_for, staff_queue
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def _on(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_beihai_deadline_skips_national_day_and_counts_the_adjusted_saturday():
    application = make_application()
    with _on(datetime.date(2026, 9, 30)):
        services.review_accept(application=application, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    application.refresh_from_db()
    # 1-7 October 2026 are holidays; Saturday 10 October is a working day (调休):
    # 8, 9, 10, 12, 13 October are the five working days.
    assert application.accepted_on == datetime.date(2026, 9, 30)
    assert application.due_on == datetime.date(2026, 10, 13)
    assert application.due_unknown_reason == ""

    with _on(datetime.date(2026, 10, 9)):
        deadline = deadline_for(application, today=datetime.date(2026, 10, 9))
    assert deadline.working_days_left == 3 and not deadline.overdue
    deadline = deadline_for(application, today=datetime.date(2026, 10, 15))
    assert deadline.overdue and deadline.working_days_left == -2


def test_a_deadline_in_a_year_without_a_calendar_is_flagged_not_guessed():
    application = make_application()
    with _on(datetime.date(2026, 12, 28)):
        services.review_accept(application=application, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    application.refresh_from_db()
    assert application.due_on is None
    assert "2027" in application.due_unknown_reason
    deadline = deadline_for(application)
    assert deadline.on is None and "2027" in deadline.unknown_reason


def test_overdue_filter_lists_only_files_past_their_deadline():
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    late = make_application(state=s.CONSULTATION, due_on=datetime.date(2026, 10, 13))
    on_time = make_application(state=s.CONSULTATION, due_on=datetime.date.today() + datetime.timedelta(days=30))
    found = list(staff_queue(reviewer, QueueFilters(overdue=True)))
    assert late in found and on_time not in found
