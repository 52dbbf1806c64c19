"""Issue 9: behind the documented proxy, five wrong passwords lock the sender's address, not the account.

Probe that failed: every request reached the app from the proxy's 127.0.0.1, so five wrong passwords from
anywhere locked the account for everyone (axes keyed on username + REMOTE_ADDR).
"""

import pytest
from django.test import Client
from django.urls import reverse

from hardening.clientip import client_ip
from tests.factories import DEFAULT_PASSWORD, employer_user

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _login(email, password, forwarded_for, **extra):
    return Client().post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
        **extra,
    )


def test_five_wrong_passwords_from_one_address_do_not_lock_the_owner_out(settings):
    victim = employer_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(victim.email, "wrong-password", "203.0.113.66")
    locked = _login(victim.email, DEFAULT_PASSWORD, "203.0.113.66")
    assert locked.status_code == 429
    owner = _login(victim.email, DEFAULT_PASSWORD, "198.51.100.23")
    assert owner.status_code == 302


def test_a_client_cannot_dodge_the_lockout_by_writing_its_own_forwarded_for(settings):
    victim = employer_user()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(victim.email, "wrong-password", f"10.9.8.{n}, 203.0.113.66")
    assert _login(victim.email, DEFAULT_PASSWORD, "10.9.8.99, 203.0.113.66").status_code == 429


def test_the_lockout_page_is_styled_and_translated(settings):
    victim = employer_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(victim.email, "wrong-password", "203.0.113.67")
    zh = _login(victim.email, "x", "203.0.113.67").content.decode()
    en = _login(victim.email, "x", "203.0.113.67", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "登录已暂时锁定" in zh and 'class="site-header"' in zh
    assert "Sign-in temporarily locked" in en and "登录已暂时锁定" not in en


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),  # no proxy: the header is the client's own claim
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, PROXY, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, PROXY, "", PROXY),  # did not come through the proxy (a health check)
        (1, PROXY, "not-an-address", PROXY),
    ],
)
def test_the_client_address_is_read_through_the_trusted_proxies_only(
    rf, settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_access_log_records_the_client_behind_the_proxy_not_the_proxy(rf):
    from audit.services import client_ip as audit_ip

    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.80")
    assert audit_ip(request) == "203.0.113.80"
