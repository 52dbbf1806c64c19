"""Nanning Art. 5 (basic conditions, degrees), Art. 9(三) (social insurance after signing) and Art. 14 (window).

Art. 14: “人才须在符合认定条件的6个月内申报……人才未在规定时限内申报的，逾期将不再受理。” — without the date the
conditions were met, an application cannot be shown to be in time: engine, form and submission all require it.
Art. 5: “具备以下基本条件：（一）热爱中华人民共和国，遵守国家法律法规；（二）有良好的职业道德，严谨的工作作风；
（三）身体健康……” — attested by the applicant. Art. 5 III(1): “具有硕士或学士学位” — a degree (学位), not 学历.
Art. 9(三): “签订合同之后6个月及以上的社保缴纳证明” — checked against the contract date, or flagged for staff.
"""

import pytest

from applications import services
from applications.forms import ApplicationForm
from regulations.eligibility import evaluate
from tests.applications.factories import nanning_draft, nanning_facts, upload_all
from tests.regulations.facts import nanning

pytestmark = pytest.mark.django_db
DOCTOR = {"person.highest_degree": "doctorate"}  # NN-II-3 with the directory enterprise of the base case


def test_article_14_the_engine_refuses_without_the_date_the_conditions_were_met():
    answer = evaluate(nanning(**DOCTOR, **{"employment.conditions_met_on": None}))
    assert not answer["eligible"] and not answer["in_scope"]
    assert any("第十四条" in reason and reason.startswith("✘") for reason in answer["reasons"])
    assert evaluate(nanning(**DOCTOR))["eligible"]


def test_article_14_the_form_and_the_submission_require_the_date():
    facts = {k: v for k, v in nanning_facts().items() if k != "conditions_met_on"}
    draft = nanning_draft(criterion=None, facts=facts)
    form = ApplicationForm(application=draft)
    assert getattr(form.fields["conditions_met_on"], "required_at_submission", False)
    upload_all(draft, draft.talent)
    with pytest.raises(services.PortalRefused) as refused:
        services.application_submit(application=draft, by=draft.talent, pledge_name=draft.full_name)
    assert any("符合认定条件的日期" in line for line in refused.value.messages)


def test_article_5_basic_conditions_must_be_attested():
    answer = evaluate(nanning(**DOCTOR, **{"person.basic_conditions_attested": False}))
    assert not answer["eligible"]
    assert any("第五条（一）至（三）" in r and r.startswith("✘") for r in answer["reasons"])
    facts = {**nanning_facts(), "attests_health": False}
    draft = nanning_draft(criterion=None, facts=facts)
    upload_all(draft, draft.talent)
    with pytest.raises(services.PortalRefused) as refused:
        services.application_submit(application=draft, by=draft.talent, pledge_name=draft.full_name)
    assert any("身体健康" in line for line in refused.value.messages)


def test_article_5_asks_the_degree_not_the_education_level():
    # 大学本科 学历 without a 学士学位 does not meet Tier III(1); the degree does.
    draft = nanning_draft(criterion=None)
    draft.highest_education, draft.highest_degree = "bachelor", "other"
    assert draft.policy.facts_for(draft)["person"]["highest_degree"] == "other"
    form = ApplicationForm(application=draft)
    assert "学位" in str(form.fields["highest_degree"].label)
    labels = dict(form.fields["highest_degree"].choices)
    assert str(labels["bachelor"]) == "学士学位"


def test_article_9_six_months_of_social_insurance_after_signing():
    signed_recently = nanning(
        **DOCTOR, **{"employment.contract_signed_on": "2026-08-01", "employment.social_insurance_months": 3}
    )
    answer = evaluate(signed_recently)
    assert not answer["eligible"]
    assert any("不满6个月" in r for r in answer["reasons"])

    too_few = evaluate(nanning(**DOCTOR, **{"employment.social_insurance_months": 5}))
    assert not too_few["eligible"] and any("不足6个月" in r for r in too_few["reasons"])

    unknown = evaluate(nanning(**DOCTOR, **{"employment.social_insurance_months": None}))
    assert unknown["eligible"]  # not a refusal: staff check the payment record
    assert any("请工作人员核查" in flag for flag in unknown["flags"])
