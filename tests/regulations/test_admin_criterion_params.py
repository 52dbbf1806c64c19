"""Administrators edit a criterion's rule parameters as fields, one per parameter, never as raw JSON; what the
form saves is what the eligibility engine reads, and mistakes are explained in the administrator's language."""

import pytest
from django.test import Client

from accounts.models import User
from regulations.admin_forms import CriterionForm
from regulations.models import Criterion
from regulations.rules import PARAM_KEYS

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    admin = User.objects.create_superuser(email="root@example.cn", password="x-Admin-2026-long")
    client = Client()
    client.force_login(admin)
    return client


def _criterion(code):
    return Criterion.objects.get(code=code, version__regulation__code="nanning-ftz-urgent-talent")


def _post_data(criterion, **params):
    data = {
        "version": criterion.version_id,
        "code": criterion.code,
        "tier": criterion.tier,
        "article_ref": criterion.article_ref,
        "description_zh": criterion.description_zh,
        "description_en": criterion.description_en,
        "materials": [m.pk for m in criterion.materials.all()],
        "sort_order": criterion.sort_order,
        "_save": "1",
    }
    data.update(params)
    return data


def test_the_change_page_shows_each_parameter_as_a_field_with_the_stored_values(admin_client):
    criterion = _criterion("NN-I-2")  # principal or S&T leader, salary of 1,000,000 CNY or more
    html = admin_client.get(f"/admin/regulations/criterion/{criterion.pk}/change/").content.decode()
    for key in PARAM_KEYS:
        assert f'name="{key}"' in html, key
    assert 'name="params"' not in html
    assert 'name="min_annual_salary_cny" value="1000000"' in html
    assert 'name="roles" value="principal"' in html and 'value="principal" id="id_roles_0" checked' in html


def test_saving_the_fields_writes_the_parameters_the_engine_reads(admin_client):
    criterion = _criterion("NN-II-2")
    response = admin_client.post(
        f"/admin/regulations/criterion/{criterion.pk}/change/",
        _post_data(
            criterion,
            roles=["senior_manager", "tech_backbone"],
            min_annual_salary_cny="650000",
            directory_enterprise="on",
            max_age_years="",
        ),
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.params == {
        "roles": ["senior_manager", "tech_backbone"],
        "min_annual_salary_cny": 650000,
        "directory_enterprise": True,
    }


def test_a_class_items_are_stored_as_the_numbers_of_the_standard():
    criterion = _criterion("NN-I-3")
    form = CriterionForm(data=_post_data(criterion, foreign_a_class_items=["1", "2"]), instance=criterion)
    assert form.is_valid(), form.errors
    assert form.instance.params == {"foreign_a_class_items": [1, 2]}


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Ensure this value is greater than or equal to 0."), ("zh-hans", "确保该值大于或等于0。")],
)
def test_a_mistake_is_explained_in_the_administrators_language(admin_client, language, message):
    criterion = _criterion("NN-II-2")
    admin_client.cookies["django_language"] = language
    response = admin_client.post(
        f"/admin/regulations/criterion/{criterion.pk}/change/",
        _post_data(criterion, min_annual_salary_cny="-5", directory_enterprise="on"),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.params["min_annual_salary_cny"] == 600000


def test_parameters_stored_wrongly_are_reported_in_the_users_language(settings):
    from django.utils import translation

    from regulations.rules import params_problems

    with translation.override("en"):
        assert params_problems({"max_age_years": "45"}) == ['Rule parameter "max_age_years" must be of type int.']
    with translation.override("zh-hans"):
        assert params_problems({"colour": 1})[0].startswith("未知的判定参数“colour”")


def test_the_regulation_version_page_edits_its_criteria_with_the_same_fields(admin_client):
    criterion = _criterion("NN-II-2")
    html = admin_client.get(f"/admin/regulations/regulationversion/{criterion.version_id}/change/").content.decode()
    index = list(criterion.version.criteria.all()).index(criterion)
    assert f'name="criteria-{index}-min_annual_salary_cny" value="600000"' in html
    assert "criteria-0-params" not in html
