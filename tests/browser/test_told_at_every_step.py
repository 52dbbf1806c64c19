"""Issue 11 in the browser, in Chinese and English: told at every step (nav count, list, link), the Nanning
employer's verification view with the step indicator, the return reason on the edit page, the nationality
picker, the console's action panel and opinions-back in the queue, and the notices linked from home."""

import os

import pytest

from accounts import roles
from applications import services
from applications import states as s
from regulations.codes import BEIHAI
from tests.applications.factories import nanning_draft, upload_all
from tests.browser.conftest import login, screenshot_dir
from tests.factories import DEFAULT_PASSWORD, employer_user, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    folder = screenshot_dir()
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _context(browser, live_server, locale):
    context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context, context.new_page()


def test_nanning_employer_is_told_verifies_and_returns_and_the_talent_sees_why(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    application = nanning_draft()
    talent = application.talent
    employer = employer_user(application.organisation, full_name="Wang Employer")
    upload_all(application, talent)
    services.application_submit(application=application, by=talent, pledge_name="李明")

    # The employer, reading English, finds the request in the nav count and the list.
    context, page = _context(browser, live_server, "en-US")
    login(page, employer.email, DEFAULT_PASSWORD)
    page.goto("/portal/")
    badge = page.locator("#nav-notifications")
    assert badge.get_attribute("data-unread") == "1" and "Messages" in badge.inner_text()
    badge.click()
    item = page.locator("#notifications li").first
    assert "Your action needed" in item.inner_text() and application.reference in item.inner_text()
    _shot(page, "notifications-list-en")
    item.get_by_role("button", name="Open").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/portal/applications/{application.pk}/")
    assert page.locator("#nav-notifications").get_attribute("data-unread") == "0"
    # What it must verify, in the order of the application form, before the buttons.
    data = page.locator("#application-data")
    assert "Please verify the applicant's data" in data.inner_text()
    assert "450102199003011235" in data.inner_text() and "China (CN)" in data.inner_text()
    current = page.locator("#process-steps li[aria-current=step]")
    assert "Employer review and recommendation" in current.inner_text()
    _shot(page, "employer-verify-en")
    page.fill("#id_opinion", "劳动合同期限填写有误，请按合同原件更正。")
    page.get_by_role("button", name="Return to the applicant").click()
    page.wait_for_load_state()
    context.close()

    # The talent, reading Chinese, is told with the reason, and the edit page says why.
    context, page = _context(browser, live_server, "zh-CN")
    login(page, talent.email, DEFAULT_PASSWORD)
    page.goto("/notifications/")
    first = page.locator("#notifications li").first
    assert "单位退回申请人" in first.inner_text() and "劳动合同期限填写有误" in first.inner_text()
    _shot(page, "notifications-list-zh")
    page.goto(f"/portal/applications/{application.pk}/edit/")
    assert "劳动合同期限填写有误" in page.locator("#return-reasons").inner_text()
    assert "填写申请" in page.locator("#process-steps li[aria-current=step]").inner_text()
    # The nationality is picked from the list (codes stored, names in the reader's language).
    page.select_option("#id_nationality", label="德国")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    assert page.locator("#id_nationality option:checked").inner_text() == "德国"
    # A foreign national with a resident ID card number is caught at once (the nationality is kept).
    assert "外籍人员请选择护照" in page.locator("#error-summary").inner_text()
    _shot(page, "edit-returned-zh")
    context.close()
    application.refresh_from_db()
    assert application.state == s.RETURNED and application.nationality == "DE"


def test_console_action_panel_and_opinions_back_in_both_languages(browser, live_server):
    from tests.reviews.factories import consult, department_user, make_application

    application = make_application(BEIHAI, s.CONSULTATION, full_name="Opinion Waiting")
    consult(application, "beihai-approval-bureau", answered=True)
    consult(application, "beihai-public-security")
    police = department_user("beihai-public-security")
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)

    context, page = _context(browser, live_server, "zh-CN")
    login(page, police.email, DEFAULT_PASSWORD)
    page.goto(f"/staff/a/{application.pk}/")
    panel = page.locator("aside.console-actions")
    panel.locator("#consultation-answer").get_by_label("同意", exact=True).check()
    _shot(page, "console-answer-in-panel-zh")
    panel.get_by_role("button", name="提交意见").click()
    page.wait_for_load_state()
    assert "意见已反馈" in page.locator(".messages").inner_text()
    context.close()

    for locale, back in (("zh-CN", "意见已全部反馈"), ("en-US", "All opinions in")):
        context, page = _context(browser, live_server, locale)
        login(page, reviewer.email, DEFAULT_PASSWORD)
        page.goto("/staff/")
        row = page.locator("tr", has_text="Opinion Waiting")
        assert back in row.inner_text()
        assert int(page.locator("#nav-notifications").get_attribute("data-unread")) >= 1
        _shot(page, f"console-queue-opinions-back-{locale[:2]}")
        context.close()


@pytest.mark.parametrize(("locale", "label"), [("zh-CN", "查看公示名单"), ("en-US", "See the public notices")])
def test_the_home_page_leads_to_the_public_notices(browser, live_server, locale, label):
    context, page = _context(browser, live_server, locale)
    page.goto("/")
    page.get_by_role("link", name=label).click()
    page.wait_for_load_state()
    assert page.url.endswith("/notices/")
    _shot(page, f"home-to-notices-{locale[:2]}")
    context.close()
