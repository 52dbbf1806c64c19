"""Nanning Art. 8 (一事一议):

> 对未明确具体参考标准的急需紧缺人才，由自贸试验区南宁片区管委会组织人才局对相关申报材料进行审核后提交五象新区
> （自贸试验区南宁片区）人才工作领导小组，由人才工作领导小组采取“一事一议”的方式进行审定。同时对符合条件的人选名单
> 在门户网站进行公示，公示期为7天。对公示无异议的，由自贸试验区南宁片区管委会予以认定……

The leadership group decides the tier; the certificate then issues for that tier. The scope of Art. 5 (a full-time
post with an employer registered in the zone, not a civil servant) and the higher-tier-only rule of Art. 11 still
apply. A draft switched to the case-by-case route drops the tier of the criterion it had before.
"""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from applications import services as portal
from applications import states as s
from applications.models import Application
from certificates.services import certificate_issue
from regulations.codes import NN_CASE
from regulations.models import Criterion
from reviews import notices, services
from reviews.models import TierOneFiling
from reviews.selectors import pending_tier_one_filings
from tests.applications.factories import nanning_draft, nanning_facts, nanning_organisation, upload_all
from tests.factories import employer_user, staff_user, talent_user

pytestmark = pytest.mark.django_db


def choose(application, code):
    criterion = Criterion.objects.get(version=application.regulation_version, code=code)
    portal.application_save_draft(
        application=application, fields={"criterion": criterion}, facts={}, by=application.talent
    )
    application.refresh_from_db()
    return application


def case_file_awaiting_the_group(**draft_kwargs) -> Application:
    """A case-by-case file walked through the talent, the employer and the bureau to the leadership group."""
    application = nanning_draft(criterion=NN_CASE, **draft_kwargs)
    upload_all(application, application.talent)
    portal.application_submit(application=application, by=application.talent, pledge_name=application.full_name)
    employer = employer_user(application.organisation)
    portal.application_employer_decide(application=application, by=employer, recommend=True, opinion="同意推荐")
    services.review_forward(application=application, by=staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER))
    application.refresh_from_db()
    assert application.state == s.AWAITING_DECISION
    return application


def test_a_switched_draft_drops_the_tier_of_its_former_criterion():
    application = nanning_draft(criterion="NN-II-3")
    assert application.tier == "II"
    choose(application, NN_CASE)
    assert application.criterion_code == NN_CASE
    assert application.tier == ""


def test_the_case_by_case_route_is_offered_only_within_the_scope_of_article_5():
    in_scope = nanning_draft(criterion=None)
    assert NN_CASE in portal.plausible_criterion_codes(in_scope)

    civil_servant = nanning_draft(
        criterion=None, organisation=nanning_organisation(901), facts={**nanning_facts(), "civil_service": True}
    )
    assert NN_CASE not in portal.plausible_criterion_codes(civil_servant)
    chosen = choose(civil_servant, NN_CASE)
    assert chosen.criterion is None  # the service does not keep a route the scope rules out


def test_the_leadership_group_decides_the_tier_and_the_certificate_issues_for_it():
    application = case_file_awaiting_the_group()
    group = staff_user(roles.NANNING_LEADERSHIP_GROUP)
    committee = staff_user(roles.NANNING_COMMITTEE_APPROVER)

    with pytest.raises(services.ReviewRefused) as refused:
        services.decision_approve(application=application, by=group, tier="")
    assert "类别" in refused.value.message
    with pytest.raises(portal.TransitionRefused):
        services.decision_approve(application=application, by=committee, tier="I")  # not the committee's call

    services.decision_approve(application=application, by=group, tier="I")
    application.refresh_from_db()
    assert (application.state, application.tier) == (s.PUBLIC_NOTICE, "I")

    # 7 days' notice without objection, then the committee recognises and the certificate issues (Art. 8).
    application.notice_ends_on = timezone.localdate() - datetime.timedelta(days=1)
    application.save()
    notices.notice_close(application=application, by=committee)
    certificate = certificate_issue(application=application, by=committee)
    assert certificate.tier == "I"
    # Art. 11 from the version data: Tier I lasts 5 years.
    years = application.regulation_version.validity_years_tier_i
    assert certificate.valid_until.year - certificate.valid_from.year == years
    # Art. 7(四): Tier I is filed; the file now waits in the filing list.
    assert application in [row[0] for row in pending_tier_one_filings(committee)]
    TierOneFiling.objects.create(
        application=application,
        hrss_filed_on=timezone.localdate(),
        hrss_reference="桂人社备〔2026〕1号",
        commerce_filed_on=timezone.localdate(),
        commerce_reference="桂商自贸备〔2026〕1号",
        talent_card_issued_on=timezone.localdate(),
        talent_card_number="GXFTZ-0001",
        updated_by=committee,
    )
    assert application not in [row[0] for row in pending_tier_one_filings(committee)]


def test_the_scope_still_applies_when_the_group_decides():
    application = case_file_awaiting_the_group()
    organisation = application.organisation
    organisation.in_nanning_ftz = False  # the employer is no longer registered in the zone
    organisation.save()
    with pytest.raises(services.ReviewRefused) as refused:
        services.decision_approve(application=application, by=staff_user(roles.NANNING_LEADERSHIP_GROUP), tier="II")
    assert "自贸试验区南宁片区" in refused.value.message
    application.refresh_from_db()
    assert (application.state, application.tier) == (s.AWAITING_DECISION, "")


def test_during_validity_the_group_may_only_decide_a_higher_tier():
    talent = talent_user()
    application = case_file_awaiting_the_group(talent=talent)
    Application.objects.create(
        regulation_version=application.regulation_version,
        organisation=application.organisation,
        created_by=talent,
        talent=talent,
        criterion=Criterion.objects.get(version=application.regulation_version, code="NN-II-3"),
        full_name=application.full_name,
        document_number=application.document_number,
        state=s.CERTIFIED,
    )
    group = staff_user(roles.NANNING_LEADERSHIP_GROUP)
    for same_or_lower in ("II", "III"):
        with pytest.raises(services.ReviewRefused) as refused:
            services.decision_approve(application=application, by=group, tier=same_or_lower)
        assert "第十一条" in refused.value.message
    services.decision_approve(application=application, by=group, tier="I")
    application.refresh_from_db()
    assert application.tier == "I"
