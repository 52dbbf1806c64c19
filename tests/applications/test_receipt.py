"""The clock runs from receipt: every submission gets a numbered receipt (回执) at once.

北海办法第五条：“市科技局负责收集申报材料和初审……从受理到办结原则上不超过5个工作日。”
《行政许可法》第三十二条：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的
全部内容，逾期不告知的，自收到申请材料之日起即为受理。
南宁办法第六条：“急需紧缺人才认定申请常年受理，自贸试验区南宁片区管委会组织人才局负责受理。”（no period set)
"""

import datetime as dt

import pytest

from applications import services
from applications import states as s
from tests.applications.factories import beihai_draft, nanning_draft, upload_all
from tests.clock import set_now

pytestmark = pytest.mark.django_db


def _submit(application, by=None):
    by = by or application.created_by
    upload_all(application, by)
    return services.application_submit(application=application, by=by, pledge_name="John Smith")


def test_a_beihai_submission_gets_a_numbered_receipt_and_an_acceptance_date_at_once(monkeypatch):
    set_now(monkeypatch, "2026-12-04 10:00")  # a Friday
    first = _submit(beihai_draft())
    second = _submit(beihai_draft())

    assert first.receipt.number == "BH-R-20261204-0001"
    assert second.receipt.number == "BH-R-20261204-0002"
    receipt = first.receipt
    assert receipt.received_on == dt.date(2026, 12, 4)
    assert receipt.transition == s.T_SUBMIT
    # Five working days from receipt: Mon 7 … Fri 11 December.
    assert receipt.acceptance_due_on == dt.date(2026, 12, 11)
    application = first.application
    application.refresh_from_db()
    assert (application.received_on, application.acceptance_due_on) == (dt.date(2026, 12, 4), dt.date(2026, 12, 11))
    assert application.accepted_on is None and not application.acceptance_deemed
    # What was received is on the receipt as it was, file names and checksums included.
    assert {m["code"] for m in receipt.materials} == set(application.required_material_codes())
    assert {m["original_name"] for m in receipt.materials} == {f"{m['code']}.pdf" for m in receipt.materials}


def test_the_acceptance_period_skips_the_national_day_holiday(monkeypatch):
    set_now(monkeypatch, "2026-09-30 16:00")
    result = _submit(beihai_draft())
    # 1-7 October 2026 are holidays (and 8 October too); 10 October (Saturday) is an adjusted working day.
    from regulations.calendar import add_working_days

    assert result.receipt.acceptance_due_on == add_working_days(dt.date(2026, 9, 30), 5)
    assert result.receipt.acceptance_due_on > dt.date(2026, 10, 8)


def test_a_resubmission_after_correction_gets_its_own_receipt_and_a_fresh_acceptance_period(monkeypatch):
    from accounts import roles
    from reviews import services as review
    from tests.factories import staff_user

    set_now(monkeypatch, "2026-12-01 09:00")
    application = _submit(beihai_draft()).application
    review.review_return(
        application=application, by=staff_user(roles.BEIHAI_SCITECH_REVIEWER), reason="1. 护照复印件不清晰"
    )
    set_now(monkeypatch, "2026-12-08 09:00")
    again = services.application_submit(application=application, by=application.created_by, pledge_name="John Smith")

    assert again.receipt.transition == s.T_RESUBMIT
    assert again.receipt.number == "BH-R-20261208-0001"
    assert again.receipt.acceptance_due_on == dt.date(2026, 12, 15)
    assert list(application.receipts.values_list("number", flat=True)) == [
        "BH-R-20261208-0001",
        "BH-R-20261201-0001",
    ]


def test_nanning_submissions_get_a_receipt_but_no_acceptance_period_the_measures_do_not_set(monkeypatch):
    set_now(monkeypatch, "2026-11-20 09:00")
    application = nanning_draft()
    result = _submit(application, by=application.talent)

    assert result.receipt.number == "NN-R-20261120-0001"
    assert result.receipt.acceptance_due_on is None and result.receipt.acceptance_due_unknown_reason == ""
    assert result.application.acceptance_due_on is None


def test_a_receipt_whose_period_reaches_a_year_without_holiday_data_is_flagged_not_guessed(monkeypatch):
    set_now(monkeypatch, "2026-12-29 09:00")
    result = _submit(beihai_draft())

    assert result.receipt.acceptance_due_on is None
    assert "2027" in result.receipt.acceptance_due_unknown_reason
    assert "2027" in result.application.due_unknown_reason


def test_the_submit_page_names_the_receipt_number_and_links_the_receipt(client, monkeypatch):
    from django.urls import reverse

    set_now(monkeypatch, "2026-12-04 10:00")
    application = beihai_draft()
    upload_all(application, application.created_by)
    client.force_login(application.created_by)
    response = client.post(
        reverse("applications:submit", args=[application.pk]),
        {"pledge": "on", "pledge_name": "John Smith"},
        follow=True,
    )
    page = response.content.decode()
    assert "BH-R-20261204-0001" in page
    assert reverse("certificates:receipt_pdf", args=[application.receipts.get().pk]) in page


def test_the_nanning_bureau_receipt_is_issued_when_the_employer_forwards_the_file(monkeypatch):
    """南宁办法第七条（二）：单位……出具推荐意见，连同相关证明材料报送……组织人才局；第六条：组织人才局负责受理。"""
    from tests.factories import employer_user

    set_now(monkeypatch, "2026-11-20 09:00")
    application = nanning_draft()
    first = _submit(application, by=application.talent).receipt
    set_now(monkeypatch, "2026-11-23 11:00")
    result = services.application_employer_decide(
        application=application, by=employer_user(application.organisation), recommend=True, opinion="同意推荐"
    )

    assert result.receipt.transition == s.T_EMPLOYER_RECOMMEND
    assert result.receipt.number == "NN-R-20261123-0001"
    assert result.receipt.received_on == dt.date(2026, 11, 23)
    assert list(application.receipts.values_list("number", flat=True)) == [result.receipt.number, first.number]
    # The file is still judged on the day the talent first applied.
    assert services.judged_on(application) == dt.date(2026, 11, 20)


def test_a_return_by_the_employer_issues_no_receipt(monkeypatch):
    from tests.factories import employer_user

    application = nanning_draft()
    _submit(application, by=application.talent)
    result = services.application_employer_decide(
        application=application, by=employer_user(application.organisation), recommend=False, opinion="合同缺页"
    )
    assert result.receipt is None and application.receipts.count() == 1
