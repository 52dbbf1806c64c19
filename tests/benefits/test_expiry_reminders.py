"""Sixty days before a recognition ends, the talent and the employer are told once, in their language, with the
way to renew (Nanning Art. 11: 有效期满可再次申请认定)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from benefits.models import ExpiryReminder
from benefits.services import REMINDER_DAYS_AHEAD, expiry_reminders_send
from certificates.services import certificate_issue
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def nanning_certificate():
    application = nanning_application(tier="II", talent_email="li@example.com")
    return certificate_issue(application=application, by=nanning_issuer())


def _day_before_window(certificate):
    return certificate.valid_until - datetime.timedelta(days=REMINDER_DAYS_AHEAD + 1)


def test_no_reminder_61_days_ahead_and_one_at_60(nanning_certificate, django_capture_on_commit_callbacks):
    first_day = _day_before_window(nanning_certificate)
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry_reminders_send(today=first_day) == []
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry_reminders_send(today=first_day + datetime.timedelta(days=1)) == [nanning_certificate.number]
    addresses = {address for message in mail.outbox for address in message.to}
    assert nanning_certificate.application.created_by.email in addresses
    assert nanning_certificate.application.talent.email in addresses
    assert all(nanning_certificate.valid_until.isoformat() in message.body for message in mail.outbox)
    assert all("第十一条" in message.body for message in mail.outbox)


def test_a_certificate_is_reminded_once(nanning_certificate, django_capture_on_commit_callbacks):
    day = nanning_certificate.valid_until - datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        expiry_reminders_send(today=day)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry_reminders_send(today=day + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == sent
    assert ExpiryReminder.objects.filter(certificate=nanning_certificate).count() == 1


def test_no_reminder_after_the_end_date(nanning_certificate):
    assert expiry_reminders_send(today=nanning_certificate.valid_until + datetime.timedelta(days=1)) == []


def test_each_recipient_reads_it_in_their_language(django_capture_on_commit_callbacks):
    application = recognised_application()
    application.created_by.preferred_language = "en"
    application.created_by.save()
    certificate = certificate_issue(application=application, by=beihai_issuer())
    with django_capture_on_commit_callbacks(execute=True):
        expiry_reminders_send(today=certificate.valid_until - datetime.timedelta(days=10))
    by_address = {message.to[0]: message for message in mail.outbox}
    english = by_address[application.created_by.email]
    assert "Recognition ends on" in english.subject
    assert "work and residence permit" in english.body
    chinese = by_address[application.email]
    assert "到期" in chinese.subject


def test_the_command_runs_the_same_job(nanning_certificate, capsys, django_capture_on_commit_callbacks):
    # The command uses today's date: a certificate ending within the window is reminded.
    from django.utils import timezone

    if not (timezone.localdate() <= nanning_certificate.valid_until <= timezone.localdate() + datetime.timedelta(60)):
        nanning_certificate.valid_until = timezone.localdate() + datetime.timedelta(days=20)
        nanning_certificate.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_expiry_reminders")
    assert f"reminded {nanning_certificate.number}" in capsys.readouterr().out


def test_the_portal_shows_the_way_to_apply_again_near_the_end(client, nanning_certificate, monkeypatch):
    from benefits import clock

    application = nanning_certificate.application
    client.force_login(application.talent)
    url = f"/portal/applications/{application.pk}/"
    monkeypatch.setattr(clock, "today", lambda: nanning_certificate.valid_until - datetime.timedelta(days=61))
    assert "data-renewal" not in client.get(url).content.decode()
    monkeypatch.setattr(clock, "today", lambda: nanning_certificate.valid_until - datetime.timedelta(days=60))
    body = client.get(url).content.decode()
    assert 'data-renewal="soon"' in body and "第十一条" in body
    assert "/portal/new/nanning-ftz-urgent-talent/" in body
    # The employer does not apply under the Nanning measures: the talent does (Art. 7).
    client.force_login(application.created_by)
    assert "data-renewal" not in client.get(url).content.decode()
