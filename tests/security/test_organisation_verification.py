"""Issue 9: an organisation is unverified until staff check its business licence; unverified ones cannot
submit, and Nanning talents can only name verified organisations registered in the FTZ.

Probe that failed: anyone could register any company's credit code and at once submit in its name, and a
Nanning talent could name any registered organisation, in the FTZ or not.
"""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.models import Organisation
from accounts.services import organisation_verify
from applications import services
from applications import states as s
from applications.models import Application
from tests.applications.factories import beihai_draft, nanning_organisation, upload_all
from tests.factories import UserFactory, employer_user, licence_on_file, staff_user, talent_user

pytestmark = pytest.mark.django_db


def test_a_newly_registered_organisation_is_unverified(client):
    from tests.accounts.test_registration import _employer_form

    client.post(reverse("accounts:register_employer"), _employer_form())
    assert Organisation.objects.get().is_verified is False


def test_an_unverified_organisation_cannot_submit_and_is_told_why():
    application = beihai_draft()
    employer = application.created_by
    upload_all(application, employer)
    Organisation.objects.filter(pk=application.organisation_id).update(verified_at=None)
    application.organisation.refresh_from_db()
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=application, by=employer, pledge_name="John Smith")
    assert any("营业执照尚未经工作人员核验" in line for line in refusal.value.messages)
    application.refresh_from_db()
    assert application.state == s.DRAFT

    licence_on_file(application.organisation, by=employer)
    organisation_verify(organisation=application.organisation, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    application.organisation.refresh_from_db()
    services.application_submit(application=application, by=employer, pledge_name="John Smith")
    assert application.state == s.SUBMITTED


def test_only_staff_verify_and_the_check_is_recorded_with_who_and_when():
    organisation = employer_user(organisation=None).organisation
    Organisation.objects.filter(pk=organisation.pk).update(verified_at=None)
    organisation.refresh_from_db()
    with pytest.raises(ValidationError):
        organisation_verify(organisation=organisation, by=employer_user())
    licence_on_file(organisation)
    checker = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    organisation = organisation_verify(organisation=organisation, by=checker, note="执照原件已核对")
    assert organisation.verified_by == checker and organisation.verified_at is not None
    latest = organisation.history.first()
    assert latest.verified_by_id == checker.pk and latest.history_change_reason == "verified"


def test_staff_verify_in_the_admin_with_an_action():
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    waiting = employer_user().organisation
    Organisation.objects.filter(pk=waiting.pk).update(verified_at=None)
    licence_on_file(waiting)
    client = Client()
    client.force_login(admin_user)
    listing = client.get(reverse("admin:accounts_organisation_changelist") + "?verified=no")
    assert waiting.name in listing.content.decode()
    client.post(
        reverse("admin:accounts_organisation_changelist"),
        {"action": "verify_selected", "_selected_action": [waiting.pk]},
    )
    waiting.refresh_from_db()
    assert waiting.is_verified and waiting.verified_by == admin_user
    assert site._registry[Organisation].actions == ["verify_selected"]


@pytest.mark.parametrize(
    "in_ftz, verified, allowed",
    [(True, True, True), (True, False, False), (False, True, False)],
)
def test_a_nanning_talent_names_only_a_verified_ftz_organisation(in_ftz, verified, allowed):
    organisation = nanning_organisation()
    Organisation.objects.filter(pk=organisation.pk).update(
        in_nanning_ftz=in_ftz, verified_at=organisation.verified_at if verified else None
    )
    talent = talent_user()
    client = Client()
    client.force_login(talent)
    response = client.post(
        reverse("applications:start", args=["nanning-ftz-urgent-talent"]), {"credit_code": organisation.credit_code}
    )
    created = Application.objects.filter(talent=talent).exists()
    assert created is allowed
    if not allowed:
        body = response.content.decode()
        assert ("尚未经工作人员核验" in body) if in_ftz else ("南宁片区注册" in body)
        organisation.refresh_from_db()
        with pytest.raises(services.PortalRefused):
            services.application_create(
                regulation_code="nanning-ftz-urgent-talent", by=talent, organisation=organisation
            )


def test_the_employer_is_told_on_the_dashboard_that_the_check_is_pending():
    employer = employer_user()
    organisation = employer.organisation
    organisation.verified_at = None
    organisation.save()
    licence_on_file(organisation, by=employer)
    client = Client()
    client.force_login(employer)
    assert "正在等待工作人员核验" in client.get(reverse("applications:dashboard")).content.decode()
    organisation_verify(organisation=organisation, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert "正在等待工作人员核验" not in client.get(reverse("applications:dashboard")).content.decode()
