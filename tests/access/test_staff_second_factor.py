"""STAFF_REQUIRE_OTP: every staff page, and every file staff open anywhere, needs a TOTP code confirmed in
the session; staff without a device set one up first. Applicants never need one."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from applications import states as s
from tests.factories import employer_user, staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp_on(settings):
    settings.STAFF_REQUIRE_OTP = True


def _code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def _second_factor(next_path):
    return f"{reverse('audit:second_factor')}?next={next_path.replace('/', '%2F')}"


def test_staff_pages_and_files_send_unverified_staff_to_the_second_factor(client):
    application = make_application(state=s.SUBMITTED)
    material = application.materials.first()
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    for path in (
        reverse("reviews:queue"),
        reverse("reviews:application", args=[application.pk]),
        reverse("applications:material_download", args=[material.pk]),
        reverse("applications:detail", args=[application.pk]),
        reverse("certificates:application_form_pdf", args=[application.pk]),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == _second_factor(path), path


def test_a_refused_file_is_not_revealed_by_the_redirect(client):
    """Files staff may not see stay 404: the second factor is not asked before the access rule."""
    nanning_reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    application = make_application(state=s.SUBMITTED)
    client.force_login(nanning_reviewer)
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404


def test_the_employer_opens_its_own_file_without_a_second_factor(client):
    application = make_application(state=s.SUBMITTED)
    client.force_login(employer_user(application.organisation))
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
    material = application.materials.first()
    assert client.get(reverse("applications:material_download", args=[material.pk])).status_code == 200


def test_setting_up_a_device_then_the_console_opens(client):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    client.force_login(reviewer)
    page = client.get(_second_factor("/staff/"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "绑定验证器" in body and "data:image/svg+xml" in body
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)

    wrong = client.post(reverse("audit:second_factor"), {"token": "000000", "next": "/staff/"})
    assert wrong.status_code == 400
    assert "动态验证码不正确或已过期" in wrong.content.decode()
    assert client.get(reverse("reviews:queue")).status_code == 302
    throttled = client.post(reverse("audit:second_factor"), {"token": _code(device), "next": "/staff/"})
    assert throttled.status_code == 400 and "请稍等片刻再试" in throttled.content.decode()

    device.refresh_from_db()
    device.throttling_failure_timestamp = None  # the wait is over
    device.save()
    right = client.post(reverse("audit:second_factor"), {"token": _code(device), "next": "/staff/"})
    assert right.status_code == 302 and right["Location"] == "/staff/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("reviews:queue")).status_code == 200


def test_a_confirmed_device_asks_for_a_code_in_a_new_session(client):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    client.force_login(reviewer)
    page = client.get(reverse("audit:second_factor"))
    assert page.status_code == 200 and "绑定验证器" not in page.content.decode()
    response = client.post(
        reverse("audit:second_factor"),
        {"otp_device": device.persistent_id, "otp_token": _code(device), "next": "/staff/"},
    )
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get(reverse("reviews:queue")).status_code == 200


def test_the_page_speaks_english_and_refuses_foreign_redirects(client):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=False)
    client.force_login(reviewer)
    page = client.get(reverse("audit:second_factor"), headers={"accept-language": "en"})
    assert "Set up an authenticator" in page.content.decode()
    response = client.post(reverse("audit:second_factor"), {"token": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("reviews:queue")


def test_non_staff_have_no_second_factor_page(client):
    client.force_login(employer_user())
    assert client.get(reverse("audit:second_factor")).status_code == 403


def test_off_switch_leaves_the_console_open_without_a_device(client, settings):
    settings.STAFF_REQUIRE_OTP = False
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert client.get(reverse("reviews:queue")).status_code == 200
