"""A Beihai reviewer's day in the staff console: queue, accept, consultation answered, finish, approve."""

import pytest
from playwright.sync_api import expect

from accounts import roles
from applications import states as s
from applications.models import Application
from tests.browser.conftest import login
from tests.factories import DEFAULT_PASSWORD, staff_user
from tests.reviews.factories import department_user, make_application


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reviewers_day(page, browser, live_server):
    first = make_application(state=s.SUBMITTED, full_name="Ada Lovelace")
    second = make_application(state=s.SUBMITTED, full_name="Grace Hopper")
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER, email="reviewer@example.com")
    police = department_user("beihai-public-security")
    approval = department_user("beihai-approval-bureau")
    approver = staff_user(roles.BEIHAI_SCITECH_APPROVER)

    login(page, reviewer.email, DEFAULT_PASSWORD)
    page.goto("/staff/")
    expect(page.locator("table.queue").get_by_text("Ada Lovelace")).to_be_visible()
    expect(page.locator("table.queue").get_by_text("Grace Hopper")).to_be_visible()

    # Search narrows the queue.
    page.fill("#f-q", "Grace")
    page.click("form.filters button[type=submit]")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)

    # Refuse the second file: the reason is required, and what was typed survives a server refusal.
    page.click("text=" + second.reference)
    expect(page.locator("#state-badge")).to_have_attribute("data-state", s.SUBMITTED)
    expect(page.locator("#action-approve")).to_have_count(0)
    page.fill("#id_refuse-reason", "不符合第二条规定的任一条件")
    page.click("#action-refuse button[type=submit]")
    expect(page.locator("#state-badge")).to_have_attribute("data-state", s.REFUSED)
    expect(page.get_by_text("不符合第二条规定的任一条件").first).to_be_visible()

    # Accept the first file and consult the health commission too.
    page.goto(f"/staff/a/{first.pk}/")
    page.get_by_label("北海市卫生健康委员会").check()
    page.click("#action-accept button[type=submit]")
    expect(page.locator("#state-badge")).to_have_attribute("data-state", s.CONSULTATION)
    expect(page.locator("#consultations tbody tr")).to_have_count(3)
    expect(page.locator("#action-finish_consultation")).to_have_count(0)  # not until every department answered

    # The departments answer in their own sessions.
    for user in (police, approval, department_user("beihai-health")):
        context = browser.new_context(locale="zh-CN", base_url=live_server.url)
        other = context.new_page()
        login(other, user.email, DEFAULT_PASSWORD)
        other.goto(f"/staff/a/{first.pk}/")
        other.get_by_label("同意", exact=True).check()
        other.fill("#consultation-answer textarea", "无不良记录")
        other.click("#consultation-answer button[type=submit]")
        expect(other.get_by_text("意见已反馈")).to_be_visible()
        context.close()

    page.goto(f"/staff/a/{first.pk}/")
    page.click("#action-finish_consultation button[type=submit]")
    expect(page.locator("#state-badge")).to_have_attribute("data-state", s.AWAITING_DECISION)
    expect(page.locator("#action-approve")).to_have_count(0)  # the reviewer does not approve

    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    boss = context.new_page()
    login(boss, approver.email, DEFAULT_PASSWORD)
    boss.goto("/staff/")
    boss.click("text=" + first.reference)
    boss.click("#action-approve button[type=submit]")
    expect(boss.locator("#state-badge")).to_have_attribute("data-state", s.CERTIFIED)
    expect(boss.locator("ol.timeline li")).to_have_count(4)
    context.close()
    assert Application.objects.get(pk=first.pk).state == s.CERTIFIED
