"""Role groups exist from the first migration, named by their stable codes."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Department
from applications import access
from tests.factories import staff_user


@pytest.mark.django_db
def test_every_role_of_both_regulations_is_a_group():
    expected = {
        "employer",
        "talent",
        "beihai-scitech-reviewer",
        "beihai-scitech-approver",
        "beihai-approval-bureau",
        "beihai-public-security",
        "beihai-consulted-department",
        "nanning-talent-bureau-reviewer",
        "nanning-committee-approver",
        "nanning-leadership-group",
        "auditor",
    }
    assert expected == set(roles.ALL_ROLES)
    assert expected <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.django_db
def test_the_consulted_departments_of_beihai_exist():
    consultable = set(Department.objects.filter(city="beihai", consultable=True).values_list("code", flat=True))
    assert {"beihai-approval-bureau", "beihai-public-security"} <= consultable


@pytest.mark.django_db
def test_a_reviewer_is_bureau_staff_and_not_an_employer():
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    assert access.is_staff_user(reviewer)
    assert not reviewer.is_employer
    assert reviewer.has_role(roles.BEIHAI_SCITECH_REVIEWER)
    assert not reviewer.has_role(roles.BEIHAI_SCITECH_APPROVER)


@pytest.mark.django_db
def test_role_labels_are_translated_but_codes_are_not():
    from django.utils import translation

    with translation.override("en"):
        english = str(roles.ROLE_LABELS[roles.BEIHAI_SCITECH_REVIEWER])
    with translation.override("zh-hans"):
        chinese = str(roles.ROLE_LABELS[roles.BEIHAI_SCITECH_REVIEWER])
    assert chinese != english
    assert "Science and Technology" in english
