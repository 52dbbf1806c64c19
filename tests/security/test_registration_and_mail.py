"""Issue 9: registration does not reveal registered addresses; mail is rate-limited; a mail outage is no 500.

Probes that failed: "该电子邮箱已注册" on the registration form for any known address; unlimited password-reset
and invitation mail; a 500 page after the account had been created when the mail server was down.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, User
from accounts.services import email_verification_token
from tests.factories import DEFAULT_PASSWORD, employer_user

NEW_PASSWORD = "Blue-Ocean-551"


def _register(client, email, **extra):
    data = {
        "full_name": "John Smith",
        "email": email,
        "phone": "",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return client.post(reverse("accounts:register_talent"), data, **extra)


def _without_csrf(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _signs_in(email, password):
    response = Client().post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code == 302


@pytest.mark.django_db
def test_registering_a_taken_address_looks_exactly_like_registering_a_new_one(django_capture_on_commit_callbacks):
    owner = employer_user(email="taken@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        taken = _register(Client(), "Taken@Example.com")
        fresh = _register(Client(), "fresh@example.com")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert _without_csrf(Client().get(taken["Location"])) == _without_csrf(Client().get(fresh["Location"]))
    owner.refresh_from_db()
    assert owner.check_password(DEFAULT_PASSWORD) and not owner.is_talent  # nothing changed on the account
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1
    notice = next(m for m in mail.outbox if m.to == ["taken@example.com"])
    assert "/accounts/password-reset/" in notice.body


@pytest.mark.django_db
def test_the_password_just_chosen_does_not_reveal_whether_the_address_was_new():
    employer_user(email="taken@example.com")
    _register(Client(), "taken@example.com")
    _register(Client(), "fresh@example.com")
    # Neither can sign in with the chosen password: the taken one has another, the new one is not verified.
    assert not _signs_in("taken@example.com", NEW_PASSWORD)
    assert not _signs_in("fresh@example.com", NEW_PASSWORD)
    fresh = User.objects.get(email="fresh@example.com")
    Client().get(reverse("accounts:verify_email", args=[email_verification_token(fresh)]))
    assert _signs_in("fresh@example.com", NEW_PASSWORD)


@pytest.mark.django_db
def test_registration_is_rate_limited_per_address(settings):
    limit = settings.THROTTLE_RATES["registration-email"][0]
    for _ in range(limit):
        assert _register(Client(), "flood@example.com").status_code == 302
    refused = _register(Client(), "flood@example.com")
    assert refused.status_code == 200 and "尝试次数过多" in refused.content.decode()


@pytest.mark.django_db
def test_password_reset_mail_is_limited_per_address_silently_and_per_requester_visibly(settings):
    employer_user(email="reset@example.com")
    per_address = settings.THROTTLE_RATES["password-reset-email"][0]
    for _ in range(per_address + 2):
        response = Client().post(reverse("accounts:password_reset"), {"email": "reset@example.com"})
        assert response.status_code == 302  # the same answer as for any address
    assert len(mail.outbox) == per_address

    cache.clear()
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "password-reset-ip": (2, 3600)}
    client = Client()
    for n in range(2):
        assert client.post(reverse("accounts:password_reset"), {"email": f"x{n}@example.com"}).status_code == 302
    refused = client.post(reverse("accounts:password_reset"), {"email": "x9@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()


@pytest.mark.django_db
def test_invitations_are_limited_per_address(settings, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(employer_user())
    limit = settings.THROTTLE_RATES["invitation-email"][0]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(limit + 1):
            response = client.post(reverse("accounts:invite"), {"email": "target@example.com"})
    assert response.status_code == 200 and "尝试次数过多" in response.content.decode()
    assert Invitation.objects.count() == limit == len(mail.outbox)


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens


@pytest.mark.django_db(transaction=True)
def test_registration_during_a_mail_outage_keeps_the_account_and_says_how_to_retry(mail_server_down, settings):
    client = Client()
    response = _register(client, "outage@example.com")
    assert response.status_code == 302
    user = User.objects.get(email="outage@example.com")
    warning = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("邮件暂时无法发送" in text and "重新发送验证邮件" in text for text in warning)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    retried = client.post(reverse("accounts:resend_verification"), {"email": "outage@example.com"})
    assert retried.status_code == 302
    assert email_verification_token(user).split(":")[0] in mail.outbox[-1].body


@pytest.mark.django_db(transaction=True)
def test_an_invitation_or_a_reset_during_a_mail_outage_is_no_error_page(mail_server_down):
    employer = employer_user(email="boss@example.com")
    client = Client()
    client.force_login(employer)
    response = client.post(reverse("accounts:invite"), {"email": "new@example.com"}, follow=True)
    assert response.status_code == 200 and "邮件暂时无法发送" in response.content.decode()
    assert Invitation.objects.filter(email="new@example.com").exists()
    assert Client().post(reverse("accounts:password_reset"), {"email": "boss@example.com"}).status_code == 302


@pytest.mark.django_db
def test_registering_again_before_verifying_sends_a_fresh_link_not_a_dead_end(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _register(Client(), "again@example.com")
        _register(Client(), "again@example.com")
    assert User.objects.filter(email="again@example.com").count() == 1
    assert all("/accounts/verify/" in message.body for message in mail.outbox)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_inviting_an_address_that_has_an_account_looks_like_any_invitation(django_capture_on_commit_callbacks):
    employer_user(email="someone@example.com")
    client = Client()
    client.force_login(employer_user())
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(reverse("accounts:invite"), {"email": "someone@example.com"})
        fresh = client.post(reverse("accounts:invite"), {"email": "nobody@example.com"})
    assert taken.status_code == fresh.status_code == 302
    invitation = Invitation.objects.get(email="someone@example.com")
    accepting = Client().post(
        reverse("accounts:accept_invitation", args=[invitation.token]),
        {"full_name": "X", "phone": "", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "该电子邮箱已注册账户" in accepting.content.decode()  # told to the mailbox owner, not the inviter
