"""Beihai foreign high-end talent (Art. 2-4): one criterion suffices; validity follows the permit or R visa."""

import pytest

from regulations.eligibility import evaluate
from tests.regulations.facts import beihai

pytestmark = pytest.mark.django_db

A_PERMIT = {"class": "A", "issued_by_beihai": True, "valid_until": "2028-03-31"}
B_PERMIT = {"class": "B", "issued_by_beihai": True, "valid_until": "2027-09-30"}


@pytest.mark.parametrize(
    "changes, best, valid_until, materials",
    [
        ({"person.work_permit": A_PERMIT}, "BH-1", "2028-03-31", ["residence-permit", "work-permit"]),
        ({"person.r_visa": {"valid_until": "2027-06-30"}}, "BH-2", "2027-06-30", ["r-visa"]),
        (
            {"person.honours": ["china-friendship-award"], "person.work_permit": B_PERMIT},
            "BH-3",
            "2027-09-30",
            ["honour-certificate", "residence-permit", "work-permit"],
        ),
        (
            {"person.work_permit": B_PERMIT, "employment.recommended_by_department": True},
            "BH-4",
            "2027-09-30",
            ["recommendation-letter", "residence-permit", "work-permit"],
        ),
    ],
)
def test_each_criterion(changes, best, valid_until, materials):
    answer = evaluate(beihai(**changes))
    assert answer["eligible"] is True
    assert answer["best"] == best
    assert answer["tier"] is None
    assert answer["valid_until"] == valid_until
    assert "validity_years" not in answer
    assert answer["required_materials"] == ["application-form", "passport", "photo", *materials]


@pytest.mark.parametrize(
    "changes",
    [
        {"person.work_permit": {**A_PERMIT, "issued_by_beihai": False}},  # A-class but issued elsewhere
        {"person.work_permit": {**A_PERMIT, "class": "C"}},
        {"person.work_permit": B_PERMIT},  # B-class without a recommendation
        {"person.work_permit": {**A_PERMIT, "valid_until": "2026-11-20"}},  # expired the day before
        {"person.r_visa": {"valid_until": "2026-11-20"}},
        {"person.honours": []},
        {"employment.recommended_by_department": True},  # recommended but no B-class permit
    ],
)
def test_not_eligible(changes):
    answer = evaluate(beihai(**changes))
    assert answer["eligible"] is False
    assert answer["matched"] == [] and answer["valid_until"] is None


def test_permit_valid_on_its_last_day():
    answer = evaluate(beihai(**{"person.work_permit": {**A_PERMIT, "valid_until": "2026-11-21"}}))
    assert answer["eligible"] is True and answer["valid_until"] == "2026-11-21"


@pytest.mark.parametrize(
    "changes", [{"person.nationality": "CN"}, {"person.nationality": None}, {"employment.city": "nanning-ftz"}]
)
def test_must_be_a_foreigner_working_in_beihai(changes):
    assert evaluate(beihai(**{"person.work_permit": A_PERMIT}, **changes))["eligible"] is False


def test_disqualified_foreigner_is_refused():
    answer = evaluate(beihai(**{"person.work_permit": A_PERMIT, "person.disqualified": True}))
    assert answer["eligible"] is False
    assert any(line.startswith("✘") and "取消" in line for line in answer["reasons"])


def test_disqualification_record_is_found_by_document_number():
    from regulations.models import Disqualification

    Disqualification.objects.create(
        regulation_code="beihai-foreign-talent", document_number="P1234567", reason_code="beihai-fraud"
    )
    facts = beihai(**{"person.work_permit": A_PERMIT, "person.document_number": "p1234567"})
    answer = evaluate(facts, consult_register=True)
    assert answer["eligible"] is False


def test_other_honour_matches_but_says_staff_must_judge():
    answer = evaluate(beihai(**{"person.honours": ["other-city-level-or-above"]}))
    assert answer["eligible"] is True and answer["best"] == "BH-3"
    assert any("BH-3" in line and "审查" in line for line in answer["reasons"])


def test_first_criterion_wins_when_several_hold():
    answer = evaluate(beihai(**{"person.work_permit": A_PERMIT, "person.r_visa": {"valid_until": "2027-01-01"}}))
    assert answer["matched"] == ["BH-1", "BH-2"] and answer["best"] == "BH-1"
    assert answer["valid_until"] == "2028-03-31"


def test_beihai_is_accepted_all_year_without_apply_by():
    answer = evaluate(beihai(**{"person.work_permit": A_PERMIT, "employment.conditions_met_on": "2020-01-01"}))
    assert answer["eligible"] is True and answer["apply_by"] is None


def test_before_2023_08_11_no_version_in_force():
    answer = evaluate(beihai(as_of="2023-08-10", **{"person.work_permit": A_PERMIT}))
    assert answer["eligible"] is False and "2023-08-11" in answer["reasons"][0]
    assert evaluate(beihai(as_of="2023-08-11", **{"person.work_permit": A_PERMIT}))["eligible"] is True
