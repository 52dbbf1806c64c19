"""Nanning Art. 10: 享受购房补贴、子女入学和医疗优诊服务等人才政策相关待遇，其中I类人才…发放“广西自贸人才卡”，
具体发放数量根据当年实际情况动态调整。 Art. 13: …按照标准“就高不重复”的原则落实待遇。"""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from benefits import states as rs
from benefits.models import EmploymentEnd
from benefits.services import (
    ServiceRefused,
    employment_end_report,
    service_material_upload,
    service_request_start,
    service_request_transition,
)
from certificates.services import certificate_issue
from regulations.models import Benefit, BenefitQuota
from tests.applications.factories import pdf
from tests.certificates.factories import nanning_application, nanning_issuer
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def _benefit(code):
    return Benefit.objects.get(regulation__code="nanning-ftz-urgent-talent", code=code)


def _certified(tier, **fields):
    application = nanning_application(tier=tier, **fields)
    certificate_issue(application=application, by=nanning_issuer())
    return application


def _submitted(application, code):
    benefit = _benefit(code)
    request = service_request_start(application=application, benefit=benefit, by=application.talent)
    for material in benefit.request_materials.all():
        service_material_upload(request=request, material_code=material.code, uploaded=pdf(), by=application.talent)
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.talent)
    return request


def test_the_talent_card_is_for_tier_i_only():
    with pytest.raises(ServiceRefused) as refused:
        service_request_start(application=(a := _certified("II")), benefit=_benefit("ftz-talent-card"), by=a.talent)
    assert "I" in refused.value.messages[0]


def test_no_card_is_approved_before_the_years_number_is_set_nor_beyond_it():
    reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    first = _submitted(_certified("I", document_number="450103199001011234"), "ftz-talent-card")
    second = _submitted(
        _certified("I", document_number="450103199202023456", talent=None, full_name="王五"), "ftz-talent-card"
    )
    with pytest.raises(ServiceRefused) as refused:
        service_request_transition(request=first, transition=rs.T_APPROVE, by=reviewer)
    assert "尚未核定" in refused.value.messages[0]
    BenefitQuota.objects.create(benefit=_benefit("ftz-talent-card"), year=timezone.localdate().year, quota=1)
    service_request_transition(request=first, transition=rs.T_APPROVE, by=reviewer)
    with pytest.raises(ServiceRefused) as refused:
        service_request_transition(request=second, transition=rs.T_APPROVE, by=reviewer)
    assert "已用完" in refused.value.messages[0]
    second.refresh_from_db()
    assert second.state == rs.SUBMITTED


def test_housing_subsidy_is_not_given_twice_to_one_person_across_recognitions():
    # 就高不重复: an upgrade from tier II to tier I does not give a second housing subsidy.
    reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    tier_two = _certified("II")
    service_request_transition(request=_submitted(tier_two, "housing-subsidy"), transition=rs.T_APPROVE, by=reviewer)
    tier_one = _certified("I", talent=tier_two.talent, document_number=tier_two.document_number)
    with pytest.raises(ServiceRefused) as refused:
        service_request_start(application=tier_one, benefit=_benefit("housing-subsidy"), by=tier_one.talent)
    assert "就高不重复" in refused.value.messages[0]


def test_medical_service_can_be_asked_again_the_next_year():
    application = _certified("III")
    reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    service_request_transition(
        request=_submitted(application, "priority-medical-service"), transition=rs.T_APPROVE, by=reviewer
    )
    next_year = timezone.localdate().replace(month=1, day=10) + datetime.timedelta(days=366)
    again = service_request_start(
        application=application, benefit=_benefit("priority-medical-service"), by=application.talent, today=next_year
    )
    assert again.year == next_year.year


def test_nothing_is_asked_for_once_employment_in_the_zone_ended():
    application = _certified("II")
    employment_end_report(
        application=application,
        reason=EmploymentEnd.Reason.LEFT_ZONE,
        effective_on=timezone.localdate(),
        by=application.created_by,
    )
    with pytest.raises(ServiceRefused) as refused:
        service_request_start(application=application, benefit=_benefit("housing-subsidy"), by=application.talent)
    assert "第十一条" in refused.value.messages[0]
