"""`manage.py seed_demo` gives a demo with an account per role and applications in several states; twice = once."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from accounts import roles
from accounts.models import User
from applications.models import Application
from demo.accounts import DEMO_PASSWORD


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def seeded(db, capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_every_role_has_an_account_that_can_log_in(seeded, rf):
    for code in roles.ALL_ROLES:
        user = User.objects.filter(groups__name=code).first()
        assert user is not None, code
        assert authenticate(rf.post("/accounts/login/"), username=user.email, password=DEMO_PASSWORD) == user
        assert user.email in seeded
    assert DEMO_PASSWORD in seeded


def test_both_regulations_have_applications_in_several_states(seeded):
    beihai = set(Application.objects.filter(regulation_code="beihai-foreign-talent").values_list("state", flat=True))
    nanning = set(
        Application.objects.filter(regulation_code="nanning-ftz-urgent-talent").values_list("state", flat=True)
    )
    assert {"draft", "submitted", "consultation", "certified"} <= beihai
    assert {"submitted", "public_notice", "certified"} <= nanning


def test_the_certified_demo_applications_have_a_stored_certificate(seeded):
    for application in Application.objects.filter(state="certified"):
        assert application.certificates.exists()


def test_every_verified_demo_organisation_has_its_business_licence_on_file(seeded):
    from accounts.models import Organisation

    verified = Organisation.objects.filter(verified_at__isnull=False)
    assert verified.exists()
    for organisation in verified:
        licence = organisation.current_licence()
        assert licence is not None, organisation
        assert licence.content_type == "application/pdf" and licence.file.read().startswith(b"%PDF")


def test_running_it_twice_changes_nothing(seeded, capsys):
    before = row_counts()
    states_before = dict(Application.objects.values_list("reference", "state"))
    call_command("seed_demo")
    assert row_counts() == before
    assert dict(Application.objects.values_list("reference", "state")) == states_before
    assert "Applications created now" not in capsys.readouterr().out
