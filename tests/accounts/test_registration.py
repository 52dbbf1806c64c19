"""Employer and talent registration, email verification, invitations and password reset."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import roles
from accounts.models import Invitation, Organisation, User
from accounts.services import email_verification_token
from tests.factories import DEFAULT_PASSWORD, employer_user, make_credit_code

pytestmark = pytest.mark.django_db


def _employer_form(**overrides):
    data = {
        "organisation_name": "北海蓝海科技有限公司",
        "credit_code": make_credit_code(4242),
        "address": "北海市海城区1号",
        "in_beihai": "on",
        "contact_person": "王经理",
        "contact_phone": "0779-1234567",
        "full_name": "王五",
        "email": "hr@bluesea.example.com",
        "password1": "Seaside-Harbour-77",
        "password2": "Seaside-Harbour-77",
    }
    data.update(overrides)
    return data


def test_an_employer_registers_and_signs_in_after_verifying(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register_employer"), _employer_form())
    assert response["Location"] == reverse("accounts:registration_sent")
    user = User.objects.get(email="hr@bluesea.example.com")
    assert user.is_employer and user.organisation.in_beihai and not user.organisation.in_nanning_ftz
    assert user.email_verified_at is None and not user.is_active
    assert len(mail.outbox) == 1 and "/accounts/verify/" in mail.outbox[0].body
    client.get(reverse("accounts:verify_email", args=[email_verification_token(user)]))
    signed_in = client.post(
        reverse("accounts:login"), {"username": "hr@bluesea.example.com", "password": "Seaside-Harbour-77"}
    )
    assert signed_in.status_code == 302


def test_a_wrong_credit_code_check_character_is_refused_with_a_clear_message(client):
    code = make_credit_code(4242)
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = client.post(reverse("accounts:register_employer"), _employer_form(credit_code=bad))
    assert response.status_code == 200
    assert "校验位不正确" in response.content.decode()
    assert not Organisation.objects.exists()


def test_an_organisation_registers_once_and_colleagues_join_by_invitation(client, django_capture_on_commit_callbacks):
    employer = employer_user()
    response = client.post(
        reverse("accounts:register_employer"), _employer_form(credit_code=employer.organisation.credit_code)
    )
    assert "邀请" in response.content.decode()
    client.force_login(employer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invite"), {"email": "colleague@example.com"})
    invitation = Invitation.objects.get()
    assert invitation.token in mail.outbox[-1].body
    client.logout()
    response = client.post(
        reverse("accounts:accept_invitation", args=[invitation.token]),
        {"full_name": "赵六", "phone": "", "password1": "Harbour-Lights-88", "password2": "Harbour-Lights-88"},
    )
    colleague = User.objects.get(email="colleague@example.com")
    assert colleague.organisation == employer.organisation and colleague.has_role(roles.EMPLOYER)
    assert colleague.email_verified_at is not None
    # An invitation works once.
    assert client.get(reverse("accounts:accept_invitation", args=[invitation.token])).status_code == 404


def test_a_talent_registers_and_verifies_the_address(client):
    response = client.post(
        reverse("accounts:register_talent"),
        {
            "full_name": "John Smith",
            "email": "John@Example.com",
            "phone": "",
            "password1": "Blue-Ocean-551",
            "password2": "Blue-Ocean-551",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="john@example.com")
    assert user.is_talent
    client.get(reverse("accounts:verify_email", args=[email_verification_token(user)]))
    user.refresh_from_db()
    assert user.email_verified_at is not None and user.is_active


def test_a_forged_verification_link_verifies_nothing(client):
    response = client.get(reverse("accounts:verify_email", args=["not-a-token"]), follow=True)
    assert response.status_code == 200
    assert "验证链接无效" in response.content.decode()


def test_weak_and_mismatched_passwords_are_refused(client):
    response = client.post(reverse("accounts:register_employer"), _employer_form(password1="123", password2="123"))
    assert response.status_code == 200 and not User.objects.exists()
    response = client.post(reverse("accounts:register_employer"), _employer_form(password2="Other-Password-99"))
    assert "两次输入的密码不一致" in response.content.decode()


def test_password_reset_by_email(client):
    user = employer_user(email="reset@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "reset@example.com"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Fresh-Start-2026", "new_password2": "Fresh-Start-2026"})
    user.refresh_from_db()
    assert user.check_password("Fresh-Start-2026") and not user.check_password(DEFAULT_PASSWORD)


def test_registration_pages_render_in_english(client):
    response = client.get(reverse("accounts:register_employer"), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "Unified social credit code" in body or "unified social credit code" in body.lower()
    assert "Register an employer" in body
