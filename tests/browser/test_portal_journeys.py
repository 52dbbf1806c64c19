"""Browser journeys through the portal up to the point where staff take over, and its failure paths."""

import os

import pytest

from applications import states as s
from applications.models import Application
from tests.browser.conftest import login, screenshot_dir
from tests.factories import DEFAULT_PASSWORD, employer_user, talent_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _files(tmp_path):
    from tests.applications.factories import PDF_BYTES, png_bytes

    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(PDF_BYTES)
    photo = tmp_path / "photo.png"
    photo.write_bytes(png_bytes())
    fake = tmp_path / "virus.pdf"
    fake.write_bytes(b"MZ this is not a pdf")
    return pdf, photo, fake


def _shot(page, name):
    folder = screenshot_dir()
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _upload_required(page, pdf, photo):
    for field in page.locator("input[type=file]").all():
        name = field.get_attribute("name")
        field.set_input_files(str(photo if name == "material-photo" else pdf))


def test_beihai_employer_journey_to_submission(page, tmp_path):
    pdf, photo, fake = _files(tmp_path)
    employer = employer_user()
    login(page, employer.email, DEFAULT_PASSWORD)
    page.goto("/portal/")
    _shot(page, "portal-dashboard-zh")
    page.get_by_role("link", name="新建申请：北海市外籍“高精尖缺”人才").click()
    page.get_by_role("button", name="创建申请草稿").click()
    page.fill("#id_full_name", "John Smith")
    page.select_option("#id_sex", "M")
    page.select_option("#id_nationality", label="英国")  # picked from the ISO list by its Chinese name
    page.fill("#id_birth_date", "1980-05-02")
    page.fill("#id_document_number", "GB1234567")
    page.fill("#id_position", "Chief Engineer")
    page.fill("#id_permit_valid_from", "2025-01-01")
    page.fill("#id_permit_valid_until", "2028-03-31")
    page.select_option("#id_work_permit_class", "A")
    page.check("#id_work_permit_issued_by_beihai")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state("networkidle")
    # The engine offers only BH-1 for an A-class Beihai permit, with its materials listed.
    assert page.locator("input[name=criterion][value=BH-1]").count() == 1
    assert page.locator("input[name=criterion][value=BH-2]").count() == 0
    page.check("input[name=criterion][value=BH-1]")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state("networkidle")
    # Failure path: a program disguised as a PDF is refused with the reason; the other fields stay.
    page.set_input_files("#id_material-passport", str(fake))
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#error-summary").is_visible()
    assert "不是PDF、JPEG或PNG文件" in page.locator("#error-summary").inner_text()
    assert page.input_value("#id_full_name") == "John Smith"
    _shot(page, "portal-edit-bad-upload-zh")
    # Failure path: submitting with materials missing is refused with the list.
    page.get_by_role("button", name="保存并前往提交").click()
    page.wait_for_load_state("networkidle")
    assert "缺少必需的材料" in page.locator("#error-summary").inner_text()
    page.get_by_role("link", name="返回修改").first.click()
    _upload_required(page, pdf, photo)
    page.get_by_role("button", name="保存并前往提交").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#error-summary").count() == 0
    _shot(page, "portal-submit-zh")
    page.check("#id_pledge")
    page.fill("#id_pledge_name", "John Smith")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#state").inner_text() == "已提交"
    _shot(page, "portal-status-zh")
    application = Application.objects.get(organisation=employer.organisation)
    assert application.state == s.SUBMITTED and application.criterion_code == "BH-1"


def test_nanning_talent_and_employer_journey(browser, live_server, tmp_path):
    from tests.applications.factories import nanning_organisation

    pdf, photo, _fake = _files(tmp_path)
    organisation = nanning_organisation()
    talent = talent_user(full_name="李明")
    employer = employer_user(organisation=organisation)
    context = browser.new_context(locale="en-US", base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, talent.email, DEFAULT_PASSWORD)
    page.goto("/portal/")
    page.get_by_role("link", name="New application: Nanning FTZ urgently-needed talent").click()
    page.fill("#id_credit_code", organisation.credit_code)
    page.get_by_role("button", name="Create a draft application").click()
    values = {
        "#id_native_place": "Nanning, Guangxi",
        "#id_birth_date": "1990-03-01",
        "#id_document_number": "450102199003011235",
        "#id_phone": "13800000000",
        "#id_email": "liming@example.com",
        "#id_county": "Liangqing",
        "#id_position": "R&D engineer",
        "#id_hired_on": "2024-03-01",
        "#id_contract_start": "2024-03-01",
        "#id_contract_end": "2029-02-28",
        "#id_education_and_work_history": "2012-2018 Tsinghua University, PhD; 2018- engineer",
    }
    for selector, value in values.items():
        page.fill(selector, value)
    page.select_option("#id_sex", "M")
    page.select_option("#id_nationality", label="China")
    page.select_option("#id_document_type", "id_card")
    page.select_option("#id_full_time", "true")
    page.select_option("#id_role", "tech_backbone")
    page.select_option("#id_highest_education", "doctorate")
    page.select_option("#id_highest_degree", "doctorate")
    from django.utils import timezone

    page.fill("#id_conditions_met_on", (timezone.localdate().replace(day=1)).isoformat())
    page.fill("#id_social_insurance_months", "12")
    for attestation in ("attests_law_abiding", "attests_professional_ethics", "attests_health"):
        page.check(f"#id_{attestation}")
    page.fill("#id_achievements", "Patents" * 3)
    assert "21 / 500" in page.locator("#id_achievements_counter").inner_text()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=criterion][value=NN-II-3]").count() == 1
    page.check("input[name=criterion][value=NN-II-3]")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    _upload_required(page, pdf, photo)
    _shot(page, "portal-edit-en")
    page.get_by_role("button", name="Save and continue to submit").click()
    page.check("#id_pledge")
    page.get_by_role("button", name="Send to my employer for recommendation").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#state").inner_text() == "Submitted"
    _shot(page, "portal-status-en")
    context.close()

    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    login(page, employer.email, DEFAULT_PASSWORD)
    page.goto("/portal/")
    page.get_by_role("region", name="待本单位审核推荐").get_by_role("link").click()
    page.fill("#id_opinion", "经核验，申请人为本单位全职博士研发人员，情况属实，同意推荐。")
    _shot(page, "portal-employer-decision-zh")
    page.get_by_role("button", name="推荐", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "组织人才局" in page.locator("#state").inner_text()
    assert "同意推荐" in page.locator(".timeline").inner_text()
    context.close()
    application = Application.objects.get(talent=talent)
    assert application.state == s.RECOMMENDED


def test_an_expired_session_keeps_what_was_typed_and_asks_for_the_files_again(page, tmp_path):
    from tests.applications.factories import beihai_draft

    pdf, _photo, _fake = _files(tmp_path)
    application = beihai_draft(criterion=None)
    employer = application.created_by
    login(page, employer.email, DEFAULT_PASSWORD)
    page.goto(f"/portal/applications/{application.pk}/edit/")
    page.fill("#id_full_name", "Typed Before Expiry")
    page.set_input_files("#id_material-passport", str(pdf))
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" in page.url
    assert "内容已保留" in page.locator(".messages").inner_text()
    # Files from a request without a signed-in user are never stored (issue 9): the user chooses them again.
    assert "重新选择" in page.locator(".messages").inner_text()
    _shot(page, "portal-session-expired-zh")
    page.fill("#id_username", employer.email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("form button[type=submit].primary")
    page.wait_for_load_state("networkidle")
    assert page.input_value("#id_full_name") == "Typed Before Expiry"
    application.refresh_from_db()
    assert application.full_name == "Typed Before Expiry"
    assert not application.materials.filter(material_code="passport").exists()


def test_keyboard_users_reach_the_form_and_errors_are_announced(page):
    page.goto("/accounts/register/employer/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.get_by_role("button", name="注册").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.get_by_label("统一社会信用代码").count() == 1
