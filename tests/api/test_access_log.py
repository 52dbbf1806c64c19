"""Staff reading a person's file through the API is recorded and needs the second factor, as on the web."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from api.models import ApiToken
from applications import states as s
from audit.models import AccessAction, AccessRecord
from tests.api.conftest import assert_error
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def reads():
    """The log's rows but the `api` client's own token creation (tests/api/test_token_audit.py covers those)."""
    return AccessRecord.objects.exclude(action=AccessAction.TOKEN_CREATED)


def test_a_staff_read_through_the_api_is_in_the_access_log(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    assert api(reviewer).get(reverse("api:application", args=[application.pk])).status_code == 200
    record = reads().get()
    assert (record.user, record.action, record.application_reference) == (reviewer, "view", application.reference)


def test_the_applicants_own_reads_are_not_logged(api):
    application = make_application(state=s.SUBMITTED)
    api(application.created_by).get(reverse("api:application", args=[application.pk]))
    assert not reads().exists()


def test_with_the_second_factor_required_a_session_without_it_is_refused(settings):
    settings.STAFF_REQUIRE_OTP = True
    application = make_application(state=s.SUBMITTED)
    client = Client()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    response = client.get(reverse("api:application", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert_error(response, 403, "second_factor_required")
    # Nor is a staff token issued to such a session: the token page asks for the second factor first.
    page = client.post(reverse("api:tokens"), {"name": "desk"})
    assert page.status_code == 302 and page["Location"].startswith(reverse("audit:second_factor"))
    assert not ApiToken.objects.exists()


def test_a_staff_token_issued_after_the_second_factor_works(api, settings):
    application = make_application(state=s.SUBMITTED)
    client = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))  # issued while the second factor is not required
    settings.STAFF_REQUIRE_OTP = True
    assert client.get(reverse("api:application", args=[application.pk])).status_code == 200
