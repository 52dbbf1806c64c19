"""After recognition, in a browser: the Beihai child-enrolment request from the employer's form to SciTech's
stamp, the Nanning talent card against the year's number, and the employer's report that ends the benefits."""

import datetime

import pytest

from accounts import roles
from benefits import clock
from benefits import states as rs
from benefits.models import ServiceRequest
from certificates.services import certificate_issue
from regulations.models import Benefit, BenefitQuota
from tests.browser.conftest import login
from tests.browser.test_portal_journeys import _shot
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application
from tests.factories import DEFAULT_PASSWORD, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def june_10(monkeypatch):
    day = datetime.date(2027, 6, 10)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


def _upload_all(page, tmp_path):
    from tests.applications.factories import PDF_BYTES

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(PDF_BYTES)
    count = page.locator("form.inline-upload").count()
    for index in range(count):
        form = page.locator("form.inline-upload").nth(index)
        form.locator("input[type=file]").set_input_files(str(scan))
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    return count


def test_beihai_child_enrolment_from_the_employer_to_the_stamped_form(browser, live_server, tmp_path, june_10):
    application = recognised_application(permit_valid_until=datetime.date(2029, 12, 31))
    certificate_issue(application=application, by=beihai_issuer())
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, application.created_by.email, DEFAULT_PASSWORD)
    page.goto(f"/portal/applications/{application.pk}/")
    page.locator("[data-benefit=children-enrolment]").get_by_role("button", name="在线申请").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="填写子女入学申请表").click()
    page.fill("#id_parent_name", "John Smith")
    page.fill("#id_parent_passport", "E12345678")
    page.fill("#id_phone", "13800000000")
    page.fill("#id_home_address", "北海市银海区")
    page.fill("#id_children-0-name", "Amy Smith")
    page.select_option("#id_children-0-sex", "F")
    page.fill("#id_children-0-birth_month", "2019-03")
    page.fill("#id_children-0-requested_school", "北海市第一小学 二年级")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    assert page.url.endswith(f"/portal/services/{ServiceRequest.objects.get().pk}/"), page.content()[-6000:]
    assert _upload_all(page, tmp_path) == 3, page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    assert page.locator("[data-state=submitted]").first.is_visible()
    _shot(page, "benefit-child-enrolment-submitted-zh")
    request = ServiceRequest.objects.get(application=application)

    staff = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    staff_page = staff.new_page()
    login(staff_page, reviewer.email, DEFAULT_PASSWORD)
    staff_page.goto("/staff/services/")
    staff_page.get_by_role("link", name=request.reference).click()
    with staff_page.expect_navigation():
        staff_page.get_by_role("button", name="Approve and stamp").click()
    assert staff_page.locator("[data-state=approved]").first.is_visible()
    _shot(staff_page, "benefit-child-enrolment-approved-en")

    page.reload()
    assert page.locator("[data-state=approved]").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载盖章的申请表（PDF）").click()
    assert download.value.suggested_filename == f"{request.reference}.pdf"
    context.close()
    staff.close()


def test_nanning_talent_card_waits_for_the_years_number(browser, live_server, tmp_path):
    application = nanning_application(tier="I")
    certificate_issue(application=application, by=nanning_issuer())
    reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, application.talent.email, DEFAULT_PASSWORD)
    page.goto(f"/portal/applications/{application.pk}/")
    page.locator("[data-benefit=ftz-talent-card]").get_by_role("button", name="Request online").click()
    page.wait_for_load_state()
    _upload_all(page, tmp_path)
    with page.expect_navigation():
        page.locator("button[name=action][value=submit]").click()
    _shot(page, "benefit-talent-card-submitted-en-390")
    request = ServiceRequest.objects.get(application=application)
    assert request.state == rs.SUBMITTED

    context.close()
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, reviewer.email, DEFAULT_PASSWORD)
    page.goto(f"/staff/services/{request.pk}/")
    page.get_by_role("button", name="Approve and stamp").click()
    page.wait_for_load_state()
    assert "has not been set yet" in page.locator(".messages").inner_text()
    BenefitQuota.objects.create(benefit=Benefit.objects.get(code="ftz-talent-card"), year=request.year, quota=50)
    page.get_by_role("button", name="Approve and stamp").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.state == rs.APPROVED
    context.close()


def test_the_employer_reports_a_move_and_the_benefits_go(page, tmp_path):
    application = nanning_application(tier="II")
    certificate_issue(application=application, by=nanning_issuer())
    login(page, application.created_by.email, DEFAULT_PASSWORD)
    page.goto(f"/portal/applications/{application.pk}/")
    assert page.locator("[data-benefit=housing-subsidy]").is_visible()
    page.get_by_role("link", name="报告合同期满、辞职或调离").click()
    page.check("input[name=reason][value=left-zone]")
    page.fill("#id_effective_on", datetime.date.today().isoformat())
    page.check("#id_confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="提交报告").click()
    assert page.locator("[data-employment-end=left-zone]").is_visible()
    assert page.locator("[data-benefit]").count() == 0
    _shot(page, "benefit-employment-end-zh")
