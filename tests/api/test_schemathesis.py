"""schemathesis against /api/schema/, in-process through Django's WSGI app, authenticated as an employer.

Stateless: every operation with generated (valid and invalid) input. Stateful: sequences that follow the
links schemathesis infers from the schema (create → read → update → materials → transitions …).
Both bounded, so that CI stays fast. The checks are the issue's bar: no 500, and every response (status,
content type, headers, body) is documented; plus authentication is enforced and undocumented methods are 405.
"""

from collections import Counter
from contextlib import contextmanager

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from api.services import token_create
from applications import states as s
from applications.models import Application
from certificates.services import certificate_issue
from tests.applications.factories import beihai_draft, upload_all
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import employer_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db

STATELESS_EXAMPLES = 12
STATEFUL_SCENARIOS = 12
STATEFUL_STEPS = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
    unsupported_method,
]
RELAXED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]


CURRENT_TOKEN = {}


@pytest.fixture
def employer_token(db):
    """An employer with a draft ready to submit, a file under review and a certificate, and its API token."""
    employer = employer_user()
    draft = beihai_draft(employer)
    upload_all(draft, employer)
    make_application(state=s.SUBMITTED, organisation=employer.organisation, employer=employer)
    certificate_issue(
        application=recognised_application(organisation=employer.organisation, created_by=employer),
        by=beihai_issuer(),
    )
    CURRENT_TOKEN["secret"] = token_create(user=employer, name="schemathesis").secret
    yield
    CURRENT_TOKEN.clear()


@contextmanager
def connections_kept_open():
    """Django's WSGI handler closes the database connection when a request ends; inside a test's transaction
    that would end the test's connection (PostgreSQL). Django's own test client turns this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# The schema as served (no database is needed to serve it); schemathesis' test client calls it "localhost".
with override_settings(ALLOWED_HOSTS=["localhost"]), connections_kept_open():
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.auth(refresh_interval=None)
class EmployerToken:
    """The token of this test's employer, declared to schemathesis as the API's authentication."""

    def get(self, case, context):
        return CURRENT_TOKEN.get("secret")  # None while pytest collects, before any test made a token

    def set(self, case, secret, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {secret}"}


@pytest.fixture(autouse=True)
def _in_process_wsgi(settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    with connections_kept_open():
        yield


@schema.parametrize()
@hypothesis.settings(
    max_examples=STATELESS_EXAMPLES,
    deadline=None,
    suppress_health_check=RELAXED,
    phases=[Phase.explicit, Phase.generate],
    derandomize=True,
)
def test_every_operation_answers_as_documented(case, employer_token):
    case.call_and_validate(checks=CHECKS)


def test_sequences_of_calls_answer_as_documented(employer_token):
    # Sequences are about following created objects: build each step from valid input (the stateless
    # test above already sends invalid input to every operation).
    schema.config.phases.stateful.generation.update(modes=["positive"])
    statuses = Counter()

    class Workflow(schema.as_state_machine()):
        def after_call(self, response, case):
            super().after_call(response, case)
            statuses[(case.method, case.operation.path, response.status_code)] += 1

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Workflow.run(
        settings=hypothesis.settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            suppress_health_check=RELAXED,
            derandomize=True,
        )
    )
    # The sequences reached the views as the employer, not only the authentication's refusals.
    created = sum(
        n for (method, path, code), n in statuses.items() if (method, path, code) == ("POST", "/api/applications", 201)
    )
    followed = sum(
        n for (method, path, code), n in statuses.items() if path.startswith("/api/applications/{id}") and code == 200
    )
    assert created and followed, sorted(statuses.items())
    assert Application.objects.filter(created_by__api_tokens__isnull=False).count() > 1
