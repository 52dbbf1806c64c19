"""Withdrawing asks for confirmation and a reason; the reason is kept in the transition log and shown."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import services
from applications import states as s
from applications.services import TransitionRefused
from tests.applications.factories import beihai_draft, upload_all
from tests.factories import employer_user, staff_user

pytestmark = pytest.mark.django_db


def _submitted():
    application = beihai_draft()
    upload_all(application, application.created_by)
    services.application_submit(application=application, by=application.created_by, pledge_name="John Smith")
    return application


def test_the_application_page_links_to_a_confirmation_page_not_a_one_click_button(client):
    application = _submitted()
    client.force_login(application.created_by)
    url = reverse("applications:withdraw", args=[application.pk])
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "撤回理由" in body and "确认撤回" in body
    application.refresh_from_db()
    assert application.state == s.SUBMITTED  # opening the page changes nothing


def test_withdrawing_without_a_reason_or_the_confirmation_is_refused_and_nothing_changes(client):
    application = _submitted()
    client.force_login(application.created_by)
    url = reverse("applications:withdraw", args=[application.pk])

    empty = client.post(url)
    assert empty.status_code == 400 and "请填写撤回理由" in empty.content.decode()
    no_reason = client.post(url, {"reason": "  ", "confirm": "on"})
    assert no_reason.status_code == 400 and "请填写撤回理由" in no_reason.content.decode()
    unconfirmed = client.post(url, {"reason": "人才已离职"})
    assert unconfirmed.status_code == 400 and "请勾选确认撤回" in unconfirmed.content.decode()
    assert "人才已离职" in unconfirmed.content.decode()  # what was typed is not lost
    application.refresh_from_db()
    assert application.state == s.SUBMITTED

    with pytest.raises(TransitionRefused) as refused:
        services.application_withdraw(application=application, by=application.created_by, reason="")
    assert refused.value.code == "reason_required"


def test_the_reason_is_recorded_and_shown_in_the_history_to_applicant_and_staff(client):
    application = _submitted()
    client.force_login(application.created_by)
    response = client.post(
        reverse("applications:withdraw", args=[application.pk]), {"reason": "人才已离职", "confirm": "on"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == s.WITHDRAWN
    log = application.transition_logs.get(transition=s.T_WITHDRAW)
    assert log.reason == "人才已离职" and log.by == application.created_by

    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "撤回申请" in detail and "人才已离职" in detail
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    console = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    assert "人才已离职" in console


def test_someone_else_cannot_withdraw(client):
    application = _submitted()
    client.force_login(employer_user())
    response = client.post(reverse("applications:withdraw", args=[application.pk]), {"reason": "x", "confirm": "on"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == s.SUBMITTED
