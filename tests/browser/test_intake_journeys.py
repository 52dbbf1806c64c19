"""In the browser: the receipt right after submission, and a withdrawal that asks for confirmation and a reason."""

import os

import pytest

from applications import services
from applications import states as s
from applications.models import Application
from tests.browser.conftest import login, screenshot_dir
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    folder = screenshot_dir()
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _submitted_beihai_file():
    from tests.applications.factories import beihai_draft, upload_all

    application = beihai_draft()
    upload_all(application, application.created_by)
    receipt = services.application_submit(
        application=application, by=application.created_by, pledge_name="John Smith"
    ).receipt
    return application, receipt


def test_the_employer_downloads_the_receipt_then_withdraws_with_a_reason(page):
    application, receipt = _submitted_beihai_file()
    login(page, application.created_by.email, DEFAULT_PASSWORD)
    page.goto(f"/portal/applications/{application.pk}/")
    receipts = page.locator("section[aria-labelledby=receipts-title]")
    assert receipt.number in receipts.inner_text()
    _shot(page, "intake-detail-receipt-zh")
    link = receipts.get_by_role("link", name="下载回执（PDF）")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("link", name="撤回申请").click()
    page.wait_for_load_state()
    _shot(page, "intake-withdraw-zh")
    page.get_by_role("button", name="确认撤回").click()  # neither reason nor confirmation
    page.wait_for_load_state()
    assert "请填写撤回理由" in page.locator("#error-summary").inner_text()
    assert Application.objects.get(pk=application.pk).state == s.SUBMITTED

    page.fill("#id_reason", "该外籍人员已离职")
    page.check("#id_confirm")
    page.get_by_role("button", name="确认撤回").click()
    page.wait_for_load_state()
    assert "/withdraw/" not in page.url
    assert page.locator("#state").inner_text() == "已撤回"
    assert "该外籍人员已离职" in page.locator("ol.timeline").inner_text()
    _shot(page, "intake-withdrawn-zh")


def test_the_receipt_panel_and_withdraw_page_in_english(page_en):
    application, receipt = _submitted_beihai_file()
    login(page_en, application.created_by.email, DEFAULT_PASSWORD)
    page_en.goto(f"/portal/applications/{application.pk}/")
    panel = page_en.locator("section[aria-labelledby=receipts-title]").inner_text()
    assert "Receipts" in panel and "Download the receipt (PDF)" in panel and receipt.number in panel
    assert "Acceptance decision due" in panel
    _shot(page_en, "intake-detail-receipt-en")
    page_en.goto(f"/portal/applications/{application.pk}/withdraw/")
    body = page_en.locator("main").inner_text()
    assert "Reason for withdrawal" in body and "I confirm that I withdraw this application" in body
    _shot(page_en, "intake-withdraw-en")
