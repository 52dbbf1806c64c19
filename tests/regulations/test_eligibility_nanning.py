"""Nanning FTZ urgently-needed talent (Art. 4-5, 11, 14, 15): every criterion with its boundaries."""

import pytest

from regulations.eligibility import evaluate
from tests.regulations.facts import nanning

pytestmark = pytest.mark.django_db

DOCTOR = {"person.highest_degree": "doctorate"}
MASTER = {"person.highest_degree": "master"}


@pytest.mark.parametrize(
    "changes, best, tier",
    [
        ({"person.guangxi_talent_level": "A"}, "NN-I-1", "I"),
        ({"person.guangxi_talent_level": "D"}, "NN-I-1", "I"),
        ({"employment.role": "principal", "employment.annual_salary_cny": 1_000_000}, "NN-I-2", "I"),
        ({"employment.role": "innovation_leader", "employment.annual_salary_cny": 1_500_000}, "NN-I-2", "I"),
        ({"person.nationality": "GB", "person.foreign_a_class_items": [2]}, "NN-I-3", "I"),
        ({"person.guangxi_talent_level": "E"}, "NN-II-1", "II"),
        ({"employment.role": "middle_manager", "employment.annual_salary_cny": 600_000}, "NN-II-2", "II"),
        ({"employment.role": "tech_backbone", "employment.annual_salary_cny": 999_999}, "NN-II-2", "II"),
        (DOCTOR, "NN-II-3", "II"),
        ({"person.nationality": "US", "person.foreign_a_class_items": [5]}, "NN-II-4", "II"),
        (MASTER, "NN-III-1", "III"),
        ({"person.highest_degree": "bachelor"}, "NN-III-1", "III"),
        ({"person.skill_level": "senior_technician"}, "NN-III-2", "III"),
    ],
)
def test_each_criterion_matches(changes, best, tier):
    answer = evaluate(nanning(**changes))
    assert answer["eligible"] is True
    assert answer["best"] == best
    assert answer["tier"] == tier
    assert answer["validity_years"] == (5 if tier == "I" else 3)


def test_nothing_matches_without_a_condition():
    answer = evaluate(nanning())
    assert answer["eligible"] is False
    assert answer["matched"] == [] and answer["tier"] is None and answer["best"] is None
    assert any("NN-III-1" in line and "✘" in line for line in answer["reasons"])


@pytest.mark.parametrize(
    "birth_date, eligible",
    [
        ("1981-11-21", True),  # 45th birthday on the day judged: 45 years old
        ("1981-11-22", True),  # 44 years old, 45 tomorrow
        ("1980-11-21", False),  # 46th birthday on the day judged
        ("1980-11-22", True),  # still 45 (46 tomorrow)
    ],
)
def test_age_45_vs_46_whole_years(birth_date, eligible):
    answer = evaluate(nanning(**MASTER, **{"person.birth_date": birth_date}))
    assert answer["eligible"] is eligible
    assert ("NN-III-1" in answer["matched"]) is eligible


@pytest.mark.parametrize(
    "role, salary, best",
    [
        ("senior_manager", 599_999, None),
        ("senior_manager", 600_000, "NN-II-2"),
        ("principal", 999_999, None),  # a principal is not a middle/senior manager: II-2 does not apply either
        ("principal", 1_000_000, "NN-I-2"),
        ("staff", 2_000_000, None),
    ],
)
def test_salary_thresholds_are_inclusive(role, salary, best):
    answer = evaluate(nanning(**{"employment.role": role, "employment.annual_salary_cny": salary}))
    assert answer["best"] == best
    assert answer["eligible"] is (best is not None)


@pytest.mark.parametrize("hired_on, eligible", [("2021-12-31", False), ("2022-01-01", True)])
def test_hired_after_2021_12_31(hired_on, eligible):
    answer = evaluate(
        nanning(
            **DOCTOR,
            **{
                "employment.hired_on": hired_on,
                "employment.directory_enterprise": {"joined_on": "2021-06-01", "left_on": None},
            },
        )
    )
    assert answer["eligible"] is eligible


@pytest.mark.parametrize(
    "hired_on, eligible",
    [("2022-02-28", False), ("2022-03-01", False), ("2022-03-02", True)],  # the enterprise joined 2022-03-01
)
def test_hired_after_the_enterprise_joined_the_directory(hired_on, eligible):
    answer = evaluate(nanning(**DOCTOR, **{"employment.hired_on": hired_on}))
    assert answer["eligible"] is eligible


def test_enterprise_that_left_the_directory_does_not_count():
    left = {"joined_on": "2022-03-01", "left_on": "2026-01-01"}
    assert evaluate(nanning(**DOCTOR, **{"employment.directory_enterprise": left}))["eligible"] is False
    assert evaluate(nanning(**DOCTOR, **{"employment.directory_enterprise": None}))["eligible"] is False


@pytest.mark.parametrize("years, eligible", [(2, False), (2.9, False), (3, True), (5, True)])
def test_contract_of_at_least_3_years(years, eligible):
    assert evaluate(nanning(**DOCTOR, **{"employment.contract_years": years}))["eligible"] is eligible


def test_directory_rules_do_not_touch_non_directory_criteria():
    answer = evaluate(
        nanning(**{"person.guangxi_talent_level": "B", "employment.contract_years": 1, "employment.hired_on": None})
    )
    assert answer["eligible"] is True and answer["best"] == "NN-I-1"


@pytest.mark.parametrize(
    "changes",
    [
        {"employment.full_time": False},
        {"employment.civil_service": True},
        {"employment.city": "other"},
        {"person.disqualified": True},
    ],
)
def test_basic_conditions_refuse(changes):
    answer = evaluate(nanning(**{"person.guangxi_talent_level": "A"}, **changes))
    assert answer["eligible"] is False
    assert answer["matched"] == []


def test_highest_tier_wins_and_all_matches_are_listed():
    answer = evaluate(
        nanning(
            **DOCTOR,
            **{
                "person.guangxi_talent_level": "E",
                "employment.role": "principal",
                "employment.annual_salary_cny": 10**6,
            },
        )
    )
    assert answer["best"] == "NN-I-2" and answer["tier"] == "I"
    assert answer["matched"] == ["NN-I-2", "NN-II-1", "NN-II-3"]
    assert "salary-tax-record" in answer["required_materials"]
    assert answer["required_materials"][:6] == [
        "application-form",
        "id-document",
        "photo",
        "employment-contract",
        "social-insurance",
        "education-certificates",
    ]


@pytest.mark.parametrize(
    "as_of, eligible, version", [("2026-12-07", True, "nanning-ftz-urgent-talent-draft"), ("2026-12-08", False, None)]
)
def test_version_in_force_until_2026_12_07(as_of, eligible, version):
    answer = evaluate(nanning(**DOCTOR, as_of=as_of))
    assert answer["eligible"] is eligible
    assert answer["version"] == version
    if not eligible:
        assert "2026-12-07" in answer["reasons"][0]
        assert "2026-12-07" in evaluate(nanning(**DOCTOR, as_of=as_of), language="en")["reasons"][0]


def test_before_the_measures_took_effect():
    answer = evaluate(nanning(**DOCTOR, as_of="2024-06-01"))
    assert answer["eligible"] is False
    assert "2024-12-08" in answer["reasons"][0]


@pytest.mark.parametrize(
    "met, as_of, apply_by, eligible",
    [
        ("2026-05-21", "2026-11-21", "2026-11-21", True),  # last day of the 6 months
        ("2026-05-20", "2026-11-21", "2026-11-20", False),  # one day late
        ("2026-08-31", "2026-11-21", "2027-02-28", True),  # month end clamps
    ],
)
def test_apply_within_6_months(met, as_of, apply_by, eligible):
    answer = evaluate(nanning(**DOCTOR, as_of=as_of, **{"employment.conditions_met_on": met}))
    assert answer["apply_by"] == apply_by
    assert answer["eligible"] is eligible


def test_transitional_hires_apply_within_3_months_of_issue():
    # Hired 2023-08-01 (in the 2023-07-01..2024-06-30 window), conditions met before the issue date 2024-12-08.
    changes = {"employment.hired_on": "2023-08-01", "employment.conditions_met_on": "2023-08-01"}
    in_time = evaluate(nanning(**DOCTOR, as_of="2025-03-08", **changes))
    assert in_time["apply_by"] == "2025-03-08" and in_time["eligible"] is True
    late = evaluate(nanning(**DOCTOR, as_of="2025-03-09", **changes))
    assert late["eligible"] is False
    assert any("2025-03-08" in line and line.startswith("✘") for line in late["reasons"])


def test_reasons_are_bilingual_one_line_per_check():
    zh = evaluate(nanning(**MASTER))
    en = evaluate(nanning(**MASTER), language="en")
    assert len(zh["reasons"]) == len(en["reasons"])
    assert all(line[0] in "✔✘" for line in zh["reasons"])
    assert any("周岁" in line for line in zh["reasons"])
    assert any("years old" in line for line in en["reasons"])
