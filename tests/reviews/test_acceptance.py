"""The acceptance decision and the review limit (Beihai Art. 5 read with 行政许可法 Art. 32).

北海办法第五条：“……从受理到办结原则上不超过5个工作日。”
《行政许可法》第三十二条第一款第（四）项：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人
需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理。
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import roles
from applications import states as s
from applications.services import TransitionRefused, application_submit
from reviews import selectors, services
from tests.applications.factories import beihai_draft, upload_all
from tests.clock import set_now
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    return staff_user(roles.BEIHAI_SCITECH_REVIEWER)


def _received(monkeypatch, moment="2026-12-04 10:00"):
    """A Beihai file received on Friday 4 December 2026: the acceptance decision is due on 11 December."""
    set_now(monkeypatch, moment)
    application = beihai_draft()
    upload_all(application, application.created_by)
    application_submit(application=application, by=application.created_by, pledge_name="John Smith")
    application.refresh_from_db()
    return application


def test_the_five_working_days_of_review_count_from_acceptance_not_from_receipt(monkeypatch, reviewer):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-09 15:00")  # Wednesday, within the acceptance period
    services.review_accept(application=application, by=reviewer)

    assert application.accepted_on == dt.date(2026, 12, 9)
    assert application.due_on == dt.date(2026, 12, 16)  # Thu 10, Fri 11, Mon 14, Tue 15, Wed 16
    assert not application.acceptance_deemed


def test_without_a_decision_in_time_the_file_is_deemed_accepted_from_receipt(monkeypatch, reviewer):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-11 18:00")  # the last day of the period: nothing happens yet
    assert services.acceptances_deem_due() == []

    set_now(monkeypatch, "2026-12-14 08:00")
    assert services.acceptances_deem_due() == [application.reference]
    application.refresh_from_db()
    assert application.state == s.SUBMITTED
    assert application.acceptance_deemed
    assert application.accepted_on == dt.date(2026, 12, 4)  # from receipt, not from the day the job ran
    assert application.due_on == dt.date(2026, 12, 11)  # five working days from that acceptance
    log = application.transition_logs.get(transition=s.T_DEEM_ACCEPTED)
    assert log.by is None and log.by_role == "system"
    assert "行政许可法" in log.comment and "2026-12-04" in log.comment
    # Running again changes nothing.
    assert services.acceptances_deem_due() == []
    assert application.transition_logs.filter(transition=s.T_DEEM_ACCEPTED).count() == 1


def test_after_deemed_acceptance_corrections_can_no_longer_be_asked_for(monkeypatch, reviewer):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-14 08:00")
    services.acceptances_deem_due()
    application.refresh_from_db()

    with pytest.raises(TransitionRefused) as refused:
        services.review_return(application=application, by=reviewer, reason="1. 补充材料")
    assert refused.value.code == "condition"
    assert "视为受理" in refused.value.message and "2026-12-04" in refused.value.message

    # Accepting it keeps the acceptance date the law gives it.
    services.review_accept(application=application, by=reviewer)
    assert application.state == s.CONSULTATION
    assert application.accepted_on == dt.date(2026, 12, 4)


def test_nobody_can_take_the_deemed_acceptance_by_hand(monkeypatch, reviewer):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-14 08:00")
    assert s.T_DEEM_ACCEPTED not in [a.code for a in selectors.available_actions(application, reviewer)]
    from applications.services import application_transition

    with pytest.raises(TransitionRefused) as refused:
        application_transition(application=application, transition=s.T_DEEM_ACCEPTED, by=reviewer)
    assert refused.value.code == "forbidden"


def test_the_command_records_deemed_acceptances(monkeypatch, capsys):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-14 08:00")
    call_command("deem_acceptances")
    out = capsys.readouterr().out
    assert f"deemed accepted {application.reference}" in out and "1 file(s)" in out


def test_an_overdue_acceptance_decision_is_flagged_in_the_queue_and_on_the_page(monkeypatch, reviewer, client):
    application = _received(monkeypatch)
    on_time = _received(monkeypatch, "2026-12-10 10:00")
    set_now(monkeypatch, "2026-12-14 08:00")  # before the job has run

    deadline = selectors.deadline_for(application)
    assert deadline.label == "受理决定期限" and deadline.on == dt.date(2026, 12, 11) and deadline.overdue
    assert not selectors.deadline_for(on_time).overdue

    client.force_login(reviewer)
    overdue_only = client.get(reverse("reviews:queue"), {"overdue": "1"}).content.decode()
    assert application.reference in overdue_only and on_time.reference not in overdue_only
    page = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    assert "受理决定期限" in page and "2026-12-11" in page and "已超期" in page


def test_after_deemed_acceptance_the_review_limit_is_what_the_queue_shows(monkeypatch, reviewer):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-14 08:00")
    services.acceptances_deem_due()
    application.refresh_from_db()
    deadline = selectors.deadline_for(application)
    assert deadline.label == "办结期限" and deadline.on == dt.date(2026, 12, 11) and deadline.overdue


def test_return_for_correction_lists_everything_to_correct_at_once(monkeypatch, reviewer, client):
    application = _received(monkeypatch)
    client.force_login(reviewer)
    url = reverse("reviews:act", args=[application.pk, s.T_RETURN])

    empty = client.post(url, {f"{s.T_RETURN}-reason": "  "})
    assert empty.status_code == 400
    assert "请列出需要补正的全部内容" in empty.content.decode()

    response = client.post(
        url,
        {
            f"{s.T_RETURN}-materials": ["passport"],
            f"{s.T_RETURN}-reason": "工作单位地址与营业执照不一致\n\n联系电话缺区号",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == s.RETURNED
    reason = application.transition_logs.get(transition=s.T_RETURN).reason
    assert reason.splitlines() == [
        "1. 重新提交护照复印件",
        "2. 工作单位地址与营业执照不一致",
        "3. 联系电话缺区号",
    ]


def test_the_console_page_links_the_receipts_and_says_when_the_file_was_deemed_accepted(monkeypatch, reviewer, client):
    application = _received(monkeypatch)
    set_now(monkeypatch, "2026-12-14 08:00")
    services.acceptances_deem_due()
    client.force_login(reviewer)
    page = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    receipt = application.receipts.get()
    assert receipt.number in page and reverse("certificates:receipt_pdf", args=[receipt.pk]) in page
    assert "逾期未作受理决定，视为受理" in page
