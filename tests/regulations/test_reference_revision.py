"""Reference data (criteria, materials, honours, the holiday calendar) is read once per revision, and a change an
administrator makes is what the very next judgement, form and deadline use — on every app server, and never a
change that was rolled back."""

import datetime as dt
import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts import roles
from regulations import calendar, reference
from regulations.eligibility import evaluate
from regulations.facts import FactsError
from regulations.models import CalendarDay, Criterion, Honour, MaterialType, ReferenceRevision
from tests.factories import staff_user
from tests.regulations.facts import beihai
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db

NEW_HONOUR = "guangxi-test-honour"
B_PERMIT = {"class": "B", "issued_by_beihai": True, "valid_until": "2027-09-30"}


def _facts_with_new_honour():
    return beihai(**{"person.honours": [NEW_HONOUR], "person.work_permit": B_PERMIT})


def _add_honour():
    Honour.objects.create(code=NEW_HONOUR, name_zh="测试荣誉", name_en="Test honour")


def test_an_honour_the_administrator_adds_is_known_to_the_next_judgement():
    with pytest.raises(FactsError):
        evaluate(_facts_with_new_honour())  # the process has now read the honour list
    _add_honour()
    assert evaluate(_facts_with_new_honour())["eligible"] is True


def test_a_material_removed_from_a_criterion_is_no_longer_asked_for():
    facts = beihai(**{"person.work_permit": B_PERMIT, "employment.recommended_by_department": True})
    assert "recommendation-letter" in evaluate(facts)["required_materials"]
    criterion = Criterion.objects.get(code="BH-4", version__regulation__code="beihai-foreign-talent")
    criterion.materials.remove(MaterialType.objects.get(code="recommendation-letter"))
    assert "recommendation-letter" not in evaluate(facts)["required_materials"]


def test_a_change_that_was_rolled_back_is_never_used():
    with pytest.raises(RuntimeError), transaction.atomic():
        _add_honour()
        assert evaluate(_facts_with_new_honour())["eligible"] is True
        raise RuntimeError("the administrator's save failed")
    with pytest.raises(FactsError):
        evaluate(_facts_with_new_honour())


def test_a_change_committed_by_another_app_server_is_seen_at_the_next_request():
    with pytest.raises(FactsError):
        evaluate(_facts_with_new_honour())
    # Another server writes the row and a new token; this process receives no signal for either.
    Honour.objects.bulk_create([Honour(code=NEW_HONOUR, name_zh="测试荣誉", name_en="Test honour")])
    ReferenceRevision.objects.filter(pk=reference.SINGLETON).update(token=uuid.uuid4())
    assert evaluate(_facts_with_new_honour())["eligible"] is True


def test_a_holiday_added_moves_the_working_day_deadline():
    monday = dt.date(2026, 6, 1)
    assert calendar.add_working_days(monday, 1) == dt.date(2026, 6, 2)
    CalendarDay.objects.create(date=dt.date(2026, 6, 2), kind=CalendarDay.HOLIDAY, name="测试假日")
    assert calendar.add_working_days(monday, 1) == dt.date(2026, 6, 3)


def test_the_staff_application_page_reads_the_revision_once_and_no_reference_table(client):
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    application = make_application()
    url = f"/staff/a/{application.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert sum('FROM "regulations_referencerevision"' in q["sql"] for q in captured) == 1
    read_from = " ".join(q["sql"].split(" WHERE ")[0] for q in captured)
    for table in ("criterion", "commonmaterial", "honour", "materialtype", "calendarday", "calendaryear"):
        assert f'FROM "regulations_{table}"' not in read_from, table
