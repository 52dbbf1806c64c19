"""Nanning Art. 11: tier II and III recognitions last 3 years, tier I 5; when a certificate has run out,
the scheduled job marks the recognition expired. Running the job again changes nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications import states as s
from certificates.selectors import certificate_status, current_certificate
from certificates.services import certificate_issue
from reviews.services import recognitions_expire_due
from tests.certificates.factories import nanning_application, nanning_issuer

pytestmark = pytest.mark.django_db


def _certified(tier, recognised_days_ago):
    recognised_at = timezone.now() - datetime.timedelta(days=recognised_days_ago)
    application = nanning_application(tier=tier, recognised_at=recognised_at)
    certificate_issue(application=application, by=nanning_issuer())
    application.refresh_from_db()
    assert application.state == s.CERTIFIED
    return application


def test_a_tier_iii_recognition_expires_after_three_years_and_one_stays():
    old = _certified("III", recognised_days_ago=3 * 365 + 5)
    recent = _certified("II", recognised_days_ago=30)
    assert recognitions_expire_due() == [old.reference]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.state == s.EXPIRED
    assert recent.state == s.CERTIFIED
    log = old.transition_logs.last()
    assert (log.transition, log.by, log.from_state, log.to_state) == ("expire", None, s.CERTIFIED, s.EXPIRED)
    assert certificate_status(current_certificate(old)) == "expired"


def test_a_tier_i_recognition_of_four_years_is_still_valid():
    application = _certified("I", recognised_days_ago=4 * 365)
    assert recognitions_expire_due() == []
    application.refresh_from_db()
    assert application.state == s.CERTIFIED


def test_running_the_job_twice_is_harmless(capsys):
    application = _certified("III", recognised_days_ago=3 * 365 + 5)
    call_command("expire_recognitions")
    call_command("expire_recognitions")
    output = capsys.readouterr().out
    assert output.count(f"expired {application.reference}") == 1
    assert application.transition_logs.filter(transition="expire").count() == 1
