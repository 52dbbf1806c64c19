"""Issue 12: the filled application form is rendered once per state of the file and stored in the shared file
store; a transition (or any change the form prints) makes the next request render it afresh."""

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from applications import services
from applications import states as s
from certificates import documents
from tests.certificates.factories import recognised_application
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = documents.application_form_pdf

    def counting(application, **options):
        calls.append(application.state)
        return real(application, **options)

    monkeypatch.setattr(documents, "application_form_pdf", counting)
    return calls


def _stored(application):
    try:
        return storages["private"].listdir(f"forms/{application.pk}")[1]
    except FileNotFoundError:
        return []


def test_the_form_is_rendered_once_and_then_served_from_the_file_store(client, renders):
    application = recognised_application(pledge_name="John Smith")
    client.force_login(employer_user(application.organisation))
    url = reverse("certificates:application_form_pdf", args=[application.pk])
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert renders == [s.RECOGNISED]
    assert second.content == first.content and second.content.startswith(b"%PDF")
    assert len(_stored(application)) == 1


def test_a_transition_discards_the_stored_form_and_the_next_request_prints_the_new_state(
    client, renders, django_capture_on_commit_callbacks
):
    application = recognised_application(pledge_name="John Smith")
    client.force_login(employer_user(application.organisation))
    url = reverse("certificates:application_form_pdf", args=[application.pk])
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=application, transition=s.T_ISSUE_CERTIFICATE, by=None, check_permission=False
        )
    assert _stored(application) == []
    client.get(url)
    client.get(url)
    assert renders == [s.RECOGNISED, s.CERTIFIED]
    assert len(_stored(application)) == 1


def test_a_change_without_a_transition_is_printed_too(client, renders):
    application = recognised_application(pledge_name="John Smith")
    client.force_login(employer_user(application.organisation))
    url = reverse("certificates:application_form_pdf", args=[application.pk])
    client.get(url)
    application.position = "总工程师"
    application.save()
    client.get(url)
    assert len(renders) == 2
    assert len(_stored(application)) == 1  # the stale rendition was replaced, not kept beside the new one


def test_the_staff_copy_and_the_applicant_copy_are_each_stored_once(client, renders):
    from accounts import roles
    from tests.factories import staff_user

    application = recognised_application(pledge_name="John Smith")
    url = reverse("certificates:application_form_pdf", args=[application.pk])
    client.force_login(employer_user(application.organisation))
    applicant_copy = client.get(url)
    client.get(url)
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    staff_copy = client.get(url)
    client.get(url)
    assert applicant_copy.status_code == staff_copy.status_code == 200
    assert len(renders) == 2 and len(_stored(application)) == 2
