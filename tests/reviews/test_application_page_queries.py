"""Issue 12: the application pages (the staff console's and the applicant's) cost at most 15 queries, and the same
number for a file with a short history and for one with many consultations, materials and changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from applications import states as s
from tests.factories import staff_user
from tests.reviews.factories import consult, make_application

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
FIRST = "beihai-public-security"


def _queries(client, url):
    client.get(url)  # steady state: the first page after a reference-data change reads it once per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(application):
    """More of everything the page lists: consultations, answered ones, changes of the file."""
    consult(application, "beihai-approval-bureau", "beihai-health", answered=True)
    consult(application, "beihai-education", "beihai-hrss")
    for name in ("Anna Smith", "Anna Smith-Jones", "Anna S. Jones"):
        application.full_name = name
        application.save()


def test_the_staff_application_page_costs_the_same_queries_for_a_short_and_a_long_file(client):
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    application = make_application(state=s.CONSULTATION)
    consult(application, FIRST)
    url = f"/staff/a/{application.pk}/"
    short = _queries(client, url)
    _grow(application)
    long = _queries(client, url)
    assert short <= MAX_QUERIES and long == short, (short, long)


def test_the_applicant_page_of_a_certified_file_costs_at_most_15_queries_whatever_its_history(client):
    application = make_application(state=s.CERTIFIED)
    client.force_login(application.created_by)
    url = f"/portal/applications/{application.pk}/"
    short = _queries(client, url)
    _grow(application)
    long = _queries(client, url)
    assert short <= MAX_QUERIES and long == short, (short, long)
