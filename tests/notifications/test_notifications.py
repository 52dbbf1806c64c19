"""Every transition tells whoever must act next and whoever should know, in their language, with the reason
and a link; mail goes after the commit and can never undo the transition; an in-app list with unread counts."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from accounts import roles
from applications import states as s
from applications.services import application_transition
from notifications.models import Notification
from regulations.codes import BEIHAI, NANNING
from reviews import notices
from reviews import services as review
from reviews.models import DISMISSED
from tests.factories import staff_user, talent_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db

SITE = "https://rencai.example.gov.cn"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _told(application, kind=None):
    rows = Notification.objects.filter(application=application)
    if kind:
        rows = rows.filter(kind=kind)
    return {(n.recipient or n.email): n for n in rows}


def test_beihai_submission_asks_the_scitech_reviewer_in_english_and_tells_the_talent(
    django_capture_on_commit_callbacks,
):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER, preferred_language="en")
    nanning_reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    talent = talent_user()
    application = make_application(BEIHAI, s.DRAFT, talent=talent)
    employer = application.created_by
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, transition=s.T_SUBMIT, by=employer)

    told = _told(application, s.T_SUBMIT)
    assert told[reviewer].must_act and not told[talent].must_act
    assert employer not in told  # the one who acted is not told of their own act
    assert nanning_reviewer not in told  # another regulation's desk
    english = next(m for m in mail.outbox if m.to == [reviewer.email])
    assert english.subject.startswith("[Talent recognition]") and application.reference in english.subject
    assert SITE + reverse("reviews:application", args=[application.pk]) in english.body
    assert "Your action needed: Please carry out the preliminary review" in english.body
    chinese = next(m for m in mail.outbox if m.to == [talent.email])
    assert (
        "提交申请" in chinese.subject and SITE + reverse("applications:detail", args=[application.pk]) in chinese.body
    )


def test_nanning_submission_goes_to_the_employer_not_to_the_talent_bureau(django_capture_on_commit_callbacks):
    bureau = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    application = make_application(NANNING, s.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, transition=s.T_SUBMIT, by=application.talent)
    told = _told(application)
    employers = list(application.organisation.users.all())
    assert employers and all(told[e].must_act for e in employers)
    assert bureau not in told
    body = next(m for m in mail.outbox if m.to == [employers[0].email]).body
    assert "推荐意见" in body  # what the employer has to do


def test_acceptance_asks_each_consulted_department_for_its_opinion(django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    approval = department_user("beihai-approval-bureau")
    police = department_user("beihai-public-security")
    application = make_application(BEIHAI, s.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        review.review_accept(application=application, by=reviewer)
    told = _told(application, s.T_ACCEPT)
    assert told[approval].must_act and told[police].must_act
    assert application.created_by in told and not told[application.created_by].must_act


def test_a_return_carries_the_reason_to_the_employer_and_the_talent(django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    talent = talent_user(preferred_language="en")
    application = make_application(BEIHAI, s.SUBMITTED, talent=talent)
    with django_capture_on_commit_callbacks(execute=True):
        review.review_return(application=application, by=reviewer, reason="护照复印件不清晰")
    to_employer = next(m for m in mail.outbox if m.to == [application.created_by.email])
    assert "护照复印件不清晰" in to_employer.body and "退回补正" in to_employer.body
    to_talent = next(m for m in mail.outbox if m.to == [talent.email])
    assert "Reason: 护照复印件不清晰" in to_talent.body and "Returned for correction" in to_talent.body


def test_all_opinions_back_tells_the_reviewer_to_pass_the_file_on(django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    application = make_application(BEIHAI, s.CONSULTATION)
    first, second = consult(application, "beihai-approval-bureau", "beihai-public-security")
    with django_capture_on_commit_callbacks(execute=True):
        review.consultation_answer(consultation=first, by=department_user("beihai-approval-bureau"), opinion="agree")
    assert not Notification.objects.filter(kind="opinions_back").exists()  # one is still out
    with django_capture_on_commit_callbacks(execute=True):
        review.consultation_answer(consultation=second, by=department_user("beihai-public-security"), opinion="agree")
    assert _told(application, "opinions_back")[reviewer].must_act


def test_a_mail_server_outage_never_undoes_the_transition(django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    application = make_application(BEIHAI, s.DRAFT)
    with mock.patch("django.core.mail.send_mail", side_effect=ConnectionRefusedError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True):
            application_transition(application=application, transition=s.T_SUBMIT, by=application.created_by)
    application.refresh_from_db()
    assert application.state == s.SUBMITTED
    row = _told(application)[reviewer]
    assert row.mailed_at is None and "smtp down" in row.mail_error
    assert row.read_at is None  # still waiting in the reviewer's in-app list


def test_objector_and_committee_are_told_and_the_objector_hears_the_outcome(django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    committee = staff_user(roles.NANNING_COMMITTEE_APPROVER)
    application = make_application(
        NANNING,
        s.PUBLIC_NOTICE,
        notice_starts_on=timezone.localdate(),
        notice_ends_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    from django.utils import translation

    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        objection = notices.objection_file(
            application=application, name="王五", contact="objector@example.com", reason="学历造假"
        )
    assert _told(application, "objection_filed")[committee].must_act
    receipt = _told(application, "objection_received")["objector@example.com"]
    assert receipt.language == "en" and receipt.link == f"{SITE}/notices/"
    with django_capture_on_commit_callbacks(execute=True):
        notices.objection_decide(objection=objection, by=committee, decision=DISMISSED, reason="经核实学历真实")
    outcome = next(m for m in mail.outbox if m.to == ["objector@example.com"] and "Objection decided" in m.subject)
    from django.utils import translation

    from regulations.policies.vocabularies import ObjectionDecision

    with translation.override("en"):
        assert f"Outcome: {ObjectionDecision.DISMISSED.label}" in outcome.body
    assert "经核实学历真实" in outcome.body


def test_in_app_list_counts_unread_in_the_nav_and_marks_read(client, django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    application = make_application(BEIHAI, s.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, transition=s.T_SUBMIT, by=application.created_by)
    client.force_login(reviewer)
    console = client.get(reverse("reviews:queue")).content.decode()
    assert 'id="nav-notifications"' in console and 'data-unread="1"' in console
    page = client.get(reverse("notifications:list")).content.decode()
    assert application.reference in page and "待您办理" in page
    row = Notification.objects.get(recipient=reviewer)
    opened = client.post(reverse("notifications:open", args=[row.pk]))
    assert opened["Location"] == reverse("reviews:application", args=[application.pk])
    row.refresh_from_db()
    assert row.read_at is not None
    assert 'data-unread="0"' in client.get(reverse("reviews:queue")).content.decode()


def test_nobody_reads_or_marks_another_persons_notifications(client, django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    application = make_application(BEIHAI, s.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, transition=s.T_SUBMIT, by=application.created_by)
    row = Notification.objects.get(recipient=reviewer)
    client.force_login(application.created_by)
    assert client.post(reverse("notifications:read", args=[row.pk])).status_code == 404
    assert application.reference not in client.get(reverse("notifications:list")).content.decode()
    row.refresh_from_db()
    assert row.read_at is None


def test_signing_in_in_english_makes_mail_english(client):
    from django.utils import translation

    from tests.factories import DEFAULT_PASSWORD

    user = talent_user()
    with translation.override("zh-hans"):  # the English requests leave English active in this thread
        client.post(reverse("set_language"), {"language": "en"})
        client.post(reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_an_opinion_kept_from_the_applicant_is_not_mailed_to_them(django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    application = make_application(BEIHAI, s.DRAFT, talent=talent_user())
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application,
            transition=s.T_SUBMIT,
            by=application.created_by,
            comment="内部备注：请重点核查工作许可",
            visible_to_applicant=False,
        )
    told = _told(application)
    assert "comment" in told[reviewer].context
    talent_side = [n for who, n in told.items() if who != reviewer]
    assert talent_side and all("comment" not in n.context for n in talent_side)


def test_each_notice_names_the_state_its_transition_led_to(django_capture_on_commit_callbacks):
    """Beihai approval issues the certificate in the same action: the approval notice still says 'recognised'."""
    from tests.certificates.factories import beihai_issuer

    application = make_application(BEIHAI, s.AWAITING_DECISION)
    with django_capture_on_commit_callbacks(execute=True):
        review.decision_approve(application=application, by=beihai_issuer())
    states = {n.kind: n.context["state"] for n in Notification.objects.filter(recipient=application.created_by)}
    assert states == {s.T_APPROVE: s.RECOGNISED, s.T_ISSUE_CERTIFICATE: s.CERTIFIED}


def test_a_withdrawn_draft_concerns_no_one_else(django_capture_on_commit_callbacks):
    application = make_application(NANNING, s.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, transition=s.T_WITHDRAW, by=application.talent, reason="不再申请"
        )
    assert not Notification.objects.filter(application=application).exists()
