"""Issue 12: an employer or talent with many applications gets /portal/ one page at a time, for the same number
of queries whatever the number of applications and whatever the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications import states as s
from talentportal.pagination import PAGE_SIZE
from tests.factories import OrganisationFactory, employer_user, talent_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _queries(client, url):
    client.get(url)  # steady state: the first page after a reference-data change reads it once per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def _beihai(count, organisation, employer):
    for i in range(count):
        make_application(
            state=[s.SUBMITTED, s.CERTIFIED, s.DRAFT][i % 3],
            materials=False,
            organisation=organisation,
            employer=employer,
            full_name=f"Applicant {i:03d}",
        )


def test_an_employer_with_many_files_sees_pages_for_the_same_queries(client):
    organisation = OrganisationFactory()
    employer = employer_user(organisation)
    client.force_login(employer)
    _beihai(3, organisation, employer)
    few, response = _queries(client, "/portal/")
    assert len(response.context["applications"]) == 3
    _beihai(PAGE_SIZE + 4, organisation, employer)
    many, response = _queries(client, "/portal/")
    last, last_page = _queries(client, "/portal/?page=999")
    assert few <= MAX_QUERIES and many == few and last == few, (few, many, last)
    assert len(response.context["applications"]) == PAGE_SIZE
    assert len(last_page.context["applications"]) == 7
    assert "page=2" in response.content.decode()


def test_the_nanning_employer_list_of_files_to_recommend_has_its_own_pages(client):
    organisation = OrganisationFactory(in_beihai=False, in_nanning_ftz=True)
    employer = employer_user(organisation)
    client.force_login(employer)
    for _ in range(PAGE_SIZE + 2):
        make_application(
            "nanning-ftz-urgent-talent",
            state=s.SUBMITTED,
            materials=False,
            organisation=organisation,
            employer=employer,
        )
    count, response = _queries(client, "/portal/")
    assert count <= MAX_QUERIES
    assert len(response.context["awaiting_employer"]) == PAGE_SIZE
    second = client.get("/portal/?awaiting_page=2")
    assert len(second.context["awaiting_employer"]) == 2
    assert len(second.context["applications"]) == PAGE_SIZE  # the other list keeps its own page


def test_a_talent_portal_costs_the_same_queries_for_one_file_or_many(client, django_assert_max_num_queries):
    talent = talent_user()
    client.force_login(talent)
    make_application("nanning-ftz-urgent-talent", state=s.SUBMITTED, materials=False, talent=talent)
    few, _ = _queries(client, "/portal/")
    for _ in range(PAGE_SIZE + 1):
        make_application("nanning-ftz-urgent-talent", state=s.CERTIFIED, materials=False, talent=talent)
    with django_assert_max_num_queries(few):
        response = client.get("/portal/?page=2")
    assert len(response.context["applications"]) == 2
