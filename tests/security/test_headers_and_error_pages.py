"""Issue 9: a strict CSP and a Permissions-Policy on every page; refusals are styled pages in the user's language."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import employer_user

pytestmark = pytest.mark.django_db


def _directives(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_content_security_policy_forbids_plugins_base_rewrites_and_foreign_form_targets():
    csp = _directives(Client().get("/"))
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/", "/notices/", "/accounts/login/", "/does-not-exist/"])
def test_every_response_carries_a_permissions_policy(path):
    policy = Client().get(path).headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


@pytest.mark.parametrize("language, text", [("zh-hans", "无权访问"), ("en", "Access denied")])
def test_the_403_page_is_styled_and_translated(language, text):
    client = Client()
    client.force_login(employer_user())
    response = client.get(reverse("reviews:queue"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    body = response.content.decode()
    assert text in body and 'class="site-header"' in body


@pytest.mark.parametrize("language, text", [("zh-hans", "页面已过期"), ("en", "The page has expired")])
def test_a_csrf_failure_explains_what_happened_in_the_users_language(language, text):
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "a@example.com", "password": "x"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert text in body and 'class="site-header"' in body
    assert "CSRF verification failed" not in body


def test_django_s_own_400_is_a_styled_page():
    response = Client().post(
        "/accounts/login/",
        data=b"--x\r\nbroken",
        content_type="multipart/form-data; boundary=",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "could not be processed" in response.content.decode()
