"""The bilingual web pre-check: questions in, the engine's answer, matched criteria and materials out."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from regulations.models import DirectoryEnterprise
from tests.factories import make_credit_code

pytestmark = pytest.mark.django_db
URL = "/precheck/"

NANNING_FORM = {
    "regulation": "nanning-ftz-urgent-talent",
    "as_of": "2026-11-21",
    "nationality": "CN",
    "birth_date": "1990-03-01",
    "highest_degree": "doctorate",
    "city": "nanning-ftz",
    "full_time": "yes",
    "civil_service": "no",
    "hired_on": "2023-02-15",
    "contract_years": "3",
    "role": "staff",
    "annual_salary_cny": "300000",
    "conditions_met_on": "2026-08-01",
    "contract_signed_on": "2023-02-15",
    "social_insurance_months": "12",
    "attests_law_abiding": "on",
    "attests_professional_ethics": "on",
    "attests_health": "on",
}


@pytest.fixture
def enterprise():
    return DirectoryEnterprise.objects.create(
        name="南宁测试数据科技有限公司", credit_code=make_credit_code(77), joined_on=dt.date(2022, 3, 1)
    )


def test_url_name():
    assert reverse("regulations:precheck") == URL


@pytest.mark.parametrize("language, text", [("zh-hans", "人才认定资格预审"), ("en", "Eligibility pre-check")])
def test_form_in_both_languages(client, language, text):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = response.content.decode()
    assert text in body
    assert 'for="id_as_of"' in body and 'for="id_annual_salary_cny"' in body
    # <input type=date> only accepts ISO dates, in Chinese as well as in English.
    assert re.search(r'name="as_of" value="\d{4}-\d{2}-\d{2}"', body)


def test_eligible_result_lists_criteria_and_materials(client, enterprise):
    response = client.post(URL, {**NANNING_FORM, "directory_enterprise": enterprise.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "NN-II-3" in body
    assert "劳动合同（3年以上）" in body and "认定类别相关证明材料" in body
    assert "符合条件" in body


def test_english_result(client, enterprise):
    response = client.post(URL, {**NANNING_FORM, "directory_enterprise": enterprise.pk}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "Employment contract (3 years or more)" in body
    assert "Holds a doctorate and works in a directory enterprise" in body


def test_not_eligible_result_shows_reasons(client):
    response = client.post(URL, NANNING_FORM)  # no directory enterprise chosen
    body = response.content.decode()
    assert "暂不符合条件" in body
    assert "✘" in body


def test_beihai_result(client):
    form = {
        "regulation": "beihai-foreign-talent",
        "as_of": "2026-11-21",
        "nationality": "gb",
        "city": "beihai",
        "work_permit_class": "A",
        "work_permit_issued_by_beihai": "on",
        "work_permit_valid_until": "2028-03-31",
    }
    body = client.post(URL, form).content.decode()
    assert "BH-1" in body and "2028-03-31" in body and "外国人工作许可证" in body


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"as_of": "not a date"}, "as_of"),
        ({"regulation": "atlantis"}, "regulation"),
        ({"nationality": "GBR1"}, "nationality"),
        ({"annual_salary_cny": "-5"}, "annual_salary_cny"),
        ({"directory_enterprise": "99999"}, "directory_enterprise"),
        ({"honours": ["nobel"]}, "honours"),
    ],
)
def test_errors_are_summarised_at_the_top(client, changes, field):
    response = client.post(URL, {**NANNING_FORM, **changes})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert f'href="#id_{field}' in body
    assert body.index("error-summary") < body.index("<form method")
