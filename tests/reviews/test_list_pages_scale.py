"""Issue 12: the staff queue and the public notice list cost the same number of queries whatever the number of
applications and whatever the page (first, middle, last), and they show one page at a time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications import states as s
from reviews.models import Appeal
from talentportal.pagination import PAGE_SIZE
from tests.factories import OrganisationFactory, employer_user, staff_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def _beihai_files(count, organisation, employer):
    """Files waiting for the SciTech reviewer, a few overdue, one refused under re-review, some in consultation."""
    today = timezone.localdate()
    made = []
    for i in range(count):
        state = [s.SUBMITTED, s.CONSULTATION, s.REFUSED][i % 3]
        application = make_application(
            state=state,
            materials=False,
            organisation=organisation,
            employer=employer,
            full_name=f"Applicant {i:03d}",
            document_number=f"E{i:08d}",
            due_on=today + datetime.timedelta(days=(i % 9) - 4),
            submitted_at=timezone.now(),
        )
        if state == s.REFUSED:
            Appeal.objects.create(
                application=application,
                filed_by=employer,
                grounds="请求复核",
                result_received_on=today,
                due_on=today + datetime.timedelta(days=10),
            )
        if state == s.CONSULTATION:
            consult(application, "beihai-public-security")
        made.append(application)
    return made


def _queries(client, url):
    client.get(url)  # steady state: the first page after a reference-data change reads it once per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def files():
    organisation = OrganisationFactory()
    employer = employer_user(organisation)

    def make(count):
        return _beihai_files(count, organisation, employer)

    return make


@pytest.mark.parametrize(
    "role, url",
    [
        (roles.BEIHAI_SCITECH_REVIEWER, "/staff/"),
        (roles.BEIHAI_SCITECH_REVIEWER, "/staff/?scope=all"),
        (roles.BEIHAI_SCITECH_REVIEWER, "/staff/?scope=all&state=submitted&overdue=1"),
        (roles.BEIHAI_SCITECH_REVIEWER, "/staff/?scope=all&q=E0000000"),
        (roles.BEIHAI_SCITECH_APPROVER, "/staff/"),
        ("beihai-public-security", "/staff/"),
    ],
)
def test_the_queue_costs_the_same_queries_for_few_and_many_files_on_any_page(client, files, role, url):
    user = department_user(role) if role == "beihai-public-security" else staff_user(role)
    client.force_login(user)
    files(4)
    few, _ = _queries(client, url)
    files(PAGE_SIZE + 7)
    many, response = _queries(client, url)
    last, _ = _queries(client, url + ("&" if "?" in url else "?") + "page=999")
    assert few <= MAX_QUERIES
    assert many == few and last == few, (few, many, last)


def test_the_queue_shows_one_page_and_the_last_page_holds_the_rest_in_order(
    client, files, django_assert_max_num_queries
):
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    made = files(PAGE_SIZE * 2 + 7)
    first = client.get("/staff/?scope=all")
    assert len(first.context["rows"]) == PAGE_SIZE
    with django_assert_max_num_queries(MAX_QUERIES):
        last = client.get("/staff/?scope=all&page=999")
    page = last.context["page"]
    assert page.number == 3 and len(last.context["rows"]) == 7
    # The last page is read backwards from the end of the table, and shown in the queue's order.
    expected = sorted(made, key=lambda a: (a.due_on, a.submitted_at, a.pk))[-7:]
    assert [a.pk for a, _ in last.context["rows"]] == [a.pk for a in expected]
    assert "page=2" in last.content.decode()


def test_a_refused_file_under_re_review_shows_the_appeal_deadline_without_a_query_per_row(client, files):
    client.force_login(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    files(6)
    response = client.get("/staff/")
    refused = [(a, d) for a, d in response.context["rows"] if a.state == s.REFUSED]
    assert refused and all(d is not None and d.on == a.pending_appeals[0].due_on for a, d in refused)


def test_a_search_by_passport_number_finds_the_one_file(client, files):
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    files(12)
    response = client.get("/staff/?scope=all&q=E00000007")
    assert [a.full_name for a, _ in response.context["rows"]] == ["Applicant 007"]


def _under_notice(count):
    today = timezone.localdate()
    for i in range(count):
        make_application(
            "nanning-ftz-urgent-talent",
            state=s.PUBLIC_NOTICE,
            materials=False,
            full_name=f"候选人{i:03d}",
            notice_starts_on=today - datetime.timedelta(days=1),
            notice_ends_on=today + datetime.timedelta(days=6),
        )


def test_the_public_notice_list_is_paged_and_costs_the_same_queries_for_few_and_many(client):
    _under_notice(3)
    few, response = _queries(client, reverse("reviews:notices"))
    assert len(response.context["candidates"]) == 3
    _under_notice(PAGE_SIZE + 2)
    many, response = _queries(client, reverse("reviews:notices"))
    last, last_page = _queries(client, reverse("reviews:notices") + "?page=2")
    assert few <= MAX_QUERIES and many == few and last == few
    assert len(response.context["candidates"]) == PAGE_SIZE
    assert len(last_page.context["candidates"]) == 5
