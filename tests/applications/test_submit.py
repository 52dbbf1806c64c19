"""Submitting: complete files go through; anything missing, late, expired or barred is refused with reasons."""

import datetime as dt

import pytest
from django.utils import timezone

from applications import services
from applications import states as s
from regulations.models import Disqualification, RegulationVersion
from tests.applications.factories import beihai_draft, nanning_draft, nanning_facts, pdf, upload_all
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


def test_the_form_offers_only_the_criteria_the_engine_finds_plausible():
    application = beihai_draft(criterion=None)
    assert services.plausible_criterion_codes(application) == ["BH-1"]
    r_visa = beihai_draft(criterion=None, facts={"work_permit_class": "", "has_r_visa": True})
    assert services.plausible_criterion_codes(r_visa) == ["BH-2"]


def test_a_complete_beihai_file_is_submitted_with_the_pledge():
    application = beihai_draft()
    employer = application.created_by
    upload_all(application, employer)
    services.application_submit(application=application, by=employer, pledge_name="John Smith")
    application.refresh_from_db()
    assert application.state == s.SUBMITTED
    assert application.pledge_name == "John Smith" and application.pledge_signed_at
    assert application.transition_logs.get().transition == s.T_SUBMIT


def test_a_submission_missing_a_required_material_is_refused_with_the_list():
    application = beihai_draft()
    employer = application.created_by
    services.material_upload(application=application, material_code="passport", uploaded=pdf(), by=employer)
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=application, by=employer, pledge_name="John Smith")
    text = " ".join(refusal.value.messages)
    assert "缺少必需的材料" in text
    for name in ("照片", "工作许可", "工作居留许可"):
        assert name in text
    application.refresh_from_db()
    assert application.state == s.DRAFT


def test_missing_form_fields_and_the_pledge_are_listed():
    application = beihai_draft(fields={"unit_contact_phone": "", "position": ""})
    upload_all(application, application.created_by)
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=application, by=application.created_by, pledge_name=" ")
    text = " ".join(refusal.value.messages)
    assert "岗位职务" in text and "单位联系人电话" in text and "承诺" in text


def test_a_disqualified_person_is_refused():
    application = beihai_draft()
    upload_all(application, application.created_by)
    Disqualification.objects.create(
        regulation_code="beihai-foreign-talent", document_number="GB1234567", reason_code="beihai-fraud"
    )
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=application, by=application.created_by, pledge_name="John Smith")
    assert any("GB1234567" in line and "取消" in line for line in refusal.value.messages)


def test_submitting_under_a_version_no_longer_in_force_names_its_end_date():
    application = nanning_draft()
    upload_all(application, application.talent)
    version = application.regulation_version
    RegulationVersion.objects.filter(pk=version.pk).update(effective_until=timezone.localdate() - dt.timedelta(days=1))
    application.refresh_from_db()
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=application, by=application.talent, pledge_name="李明")
    expected = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert any("失效" in line and expected in line for line in refusal.value.messages)


def test_a_nanning_application_after_the_apply_by_date_is_refused():
    late = timezone.localdate() - dt.timedelta(days=400)
    application = nanning_draft(facts=nanning_facts(conditions_met_on=late))
    upload_all(application, application.talent)
    with pytest.raises(services.PortalRefused) as refusal:
        services.application_submit(application=application, by=application.talent, pledge_name="李明")
    assert any("申报期限" in line for line in refusal.value.messages)


def test_only_the_applicant_side_may_submit():
    application = beihai_draft()
    upload_all(application, application.created_by)
    stranger = employer_user()
    with pytest.raises(services.PortalRefused):
        services.application_submit(application=application, by=stranger, pledge_name="X")


def test_a_nanning_talent_submits_to_the_employer_who_recommends_with_an_opinion():
    application = nanning_draft()
    talent = application.talent
    assert services.plausible_criterion_codes(application)[0] == "NN-II-3"
    upload_all(application, talent)
    services.application_submit(application=application, by=talent, pledge_name="李明")
    assert application.state == s.SUBMITTED
    employer = employer_user(organisation=application.organisation)
    services.application_employer_decide(
        application=application, by=employer, recommend=True, opinion="经核验，情况属实，同意推荐。"
    )
    application.refresh_from_db()
    assert application.state == s.RECOMMENDED
    assert application.employer_attested_at is not None
    log = application.transition_logs.get(transition=s.T_EMPLOYER_RECOMMEND)
    assert log.comment == "经核验，情况属实，同意推荐。" and log.by == employer


def test_a_returned_file_is_corrected_and_resubmitted_and_earlier_versions_stay_in_history():
    application = nanning_draft()
    talent = application.talent
    upload_all(application, talent)
    services.application_submit(application=application, by=talent, pledge_name="李明")
    employer = employer_user(organisation=application.organisation)
    services.application_employer_decide(application=application, by=employer, recommend=False, opinion="合同页缺失")
    application.refresh_from_db()
    assert application.state == s.RETURNED
    old_contract = application.materials.get(material_code="employment-contract", is_current=True)
    services.material_upload(
        application=application, material_code="employment-contract", uploaded=pdf("contract-full.pdf"), by=talent
    )
    services.application_save_draft(application=application, fields={"position": "高级研发工程师"}, facts={}, by=talent)
    services.application_submit(application=application, by=talent, pledge_name="李明")
    application.refresh_from_db()
    assert application.state == s.SUBMITTED
    assert [log.transition for log in application.transition_logs.all()] == [
        s.T_SUBMIT,
        s.T_EMPLOYER_RETURN,
        s.T_RESUBMIT,
    ]
    old_contract.refresh_from_db()
    assert old_contract.is_current is False
    assert application.history.filter(position="研发工程师").exists()


def test_the_employer_must_write_an_opinion_to_recommend():
    application = nanning_draft()
    upload_all(application, application.talent)
    services.application_submit(application=application, by=application.talent, pledge_name="李明")
    employer = employer_user(organisation=application.organisation)
    with pytest.raises(services.TransitionRefused):
        services.application_employer_decide(application=application, by=employer, recommend=True, opinion=" ")
