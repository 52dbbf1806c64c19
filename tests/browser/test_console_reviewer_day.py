"""A Beihai reviewer's day in the staff console: queue, accept, consultation answered, finish, approve."""

import pytest

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
    assert page.locator("table.queue").get_by_text("Ada Lovelace").is_visible()
    assert page.locator("table.queue").get_by_text("Grace Hopper").is_visible()

    # Search narrows the queue.
    page.fill("#f-q", "Grace")
    page.click("form.filters button[type=submit]")
    assert page.locator("table.queue tbody tr").count() == 1

    # Refuse the second file: the reason is required, and what was typed survives a server refusal.
    page.click("text=" + second.reference)
    assert page.locator("#action-approve").count() == 0
    page.fill("#id_refuse-reason", "不符合第二条规定的任一条件")
    page.click("#action-refuse button[type=submit]")
    assert page.locator("#state-badge").get_attribute("data-state") == s.REFUSED
    assert page.get_by_text("不符合第二条规定的任一条件").first.is_visible()

    # Accept the first file and consult the health commission too.
    page.goto(f"/staff/a/{first.pk}/")
    page.get_by_label("北海市卫生健康委员会").check()
    page.click("#action-accept button[type=submit]")
    assert page.locator("#state-badge").get_attribute("data-state") == s.CONSULTATION
    assert page.locator("#consultations tbody tr").count() == 3
    assert page.locator("#action-finish_consultation").count() == 0  # not until every department answered

    # The departments answer in their own sessions.
    for user in (police, approval, department_user("beihai-health")):
        context = browser.new_context(locale="zh-CN", base_url=live_server.url)
        other = context.new_page()
        login(other, user.email, DEFAULT_PASSWORD)
        other.goto(f"/staff/a/{first.pk}/")
        other.get_by_label("同意", exact=True).check()
        other.fill("#consultation-answer textarea", "无不良记录")
        other.click("#consultation-answer button[type=submit]")
        assert other.get_by_text("意见已反馈").is_visible()
        context.close()

    page.goto(f"/staff/a/{first.pk}/")
    page.click("#action-finish_consultation button[type=submit]")
    assert page.locator("#state-badge").get_attribute("data-state") == s.AWAITING_DECISION
    assert page.locator("#action-approve").count() == 0  # the reviewer does not approve

    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    boss = context.new_page()
    login(boss, approver.email, DEFAULT_PASSWORD)
    boss.goto("/staff/")
    boss.click("text=" + first.reference)
    boss.click("#action-approve button[type=submit]")
    assert boss.locator("#state-badge").get_attribute("data-state") == s.CERTIFIED
    assert boss.locator("ol.timeline li").count() == 4
    context.close()
    assert Application.objects.get(pk=first.pk).state == s.CERTIFIED
