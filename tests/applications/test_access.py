"""An employer sees only its organisation's files, a talent only their own; everyone else gets 404."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import services
from tests.applications.factories import beihai_draft, nanning_draft, pdf, upload_all
from tests.factories import employer_user, staff_user, talent_user

pytestmark = pytest.mark.django_db

PAGES = ["applications:detail", "applications:edit", "applications:submit"]


@pytest.fixture
def beihai():
    application = beihai_draft()
    material = services.material_upload(
        application=application, material_code="passport", uploaded=pdf("我的护照.pdf"), by=application.created_by
    )
    return application, material


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("page", PAGES + ["material"])
def test_another_organisation_and_an_unrelated_talent_get_404(client, beihai, page):
    application, material = beihai
    url = (
        reverse("applications:material_download", args=[material.pk])
        if page == "material"
        else reverse(page, args=[application.pk])
    )
    assert _get(client, employer_user(), url).status_code == 404
    assert _get(client, talent_user(), url).status_code == 404
    assert _get(client, staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER), url).status_code == 404


def test_anonymous_users_are_sent_to_login(client, beihai):
    application, material = beihai
    response = client.get(reverse("applications:material_download", args=[material.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_employer_downloads_with_the_original_name_which_is_not_the_stored_name(client, beihai):
    application, material = beihai
    response = _get(client, application.created_by, reverse("applications:material_download", args=[material.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "%E6%88%91%E7%9A%84%E6%8A%A4%E7%85%A7.pdf" in response["Content-Disposition"]
    assert "我的护照" not in material.file.name and material.file.name.startswith("materials/")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_colleagues_of_the_same_organisation_see_it(client, beihai):
    application, _material = beihai
    colleague = employer_user(organisation=application.organisation)
    assert _get(client, colleague, reverse("applications:detail", args=[application.pk])).status_code == 200


def test_staff_of_the_regulation_view_materials_inline_once_submitted_never_in_draft(client, beihai):
    application, material = beihai
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    url = reverse("applications:material_download", args=[material.pk]) + "?inline=1"
    assert _get(client, reviewer, url).status_code == 404
    upload_all(application, application.created_by)
    services.application_submit(application=application, by=application.created_by, pledge_name="John Smith")
    response = _get(client, reviewer, url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")


def test_a_nanning_draft_is_the_talents_own_until_sent_to_the_employer(client):
    application = nanning_draft()
    employer = employer_user(organisation=application.organisation)
    detail = reverse("applications:detail", args=[application.pk])
    assert _get(client, employer, detail).status_code == 404
    assert _get(client, talent_user(), detail).status_code == 404
    assert _get(client, application.talent, detail).status_code == 200
    upload_all(application, application.talent)
    services.application_submit(application=application, by=application.talent, pledge_name="李明")
    assert _get(client, employer, detail).status_code == 200
    # The employer may view but not edit the talent's file.
    assert _get(client, employer, reverse("applications:edit", args=[application.pk])).status_code == 302


def test_the_dashboard_lists_only_the_users_own(client, beihai):
    application, _material = beihai
    other = beihai_draft()
    client.force_login(application.created_by)
    body = client.get(reverse("applications:dashboard")).content.decode()
    assert application.reference in body and other.reference not in body


def test_a_beihai_file_is_linked_to_the_talent_only_through_a_verified_address(client):
    from django.utils import timezone

    application = beihai_draft(fields={"talent_email": "john@example.com"})
    talent = talent_user(email="john@example.com")
    detail = reverse("applications:detail", args=[application.pk])
    client.force_login(talent)
    client.get(reverse("applications:dashboard"))
    assert client.get(detail).status_code == 404
    talent.email_verified_at = timezone.now()
    talent.save()
    client.get(reverse("applications:dashboard"))
    assert client.get(detail).status_code == 200


def test_unknown_ids_are_404_not_500(client):
    client.force_login(employer_user())
    for name in PAGES:
        assert client.get(reverse(name, args=[999999])).status_code == 404
    assert client.get(reverse("applications:material_download", args=[999999])).status_code == 404
    assert client.get("/portal/new/no-such-regulation/").status_code == 404
