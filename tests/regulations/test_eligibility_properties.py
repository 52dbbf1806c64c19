"""Properties of the engine, checked on the pure judge() with snapshots read from fixtures/ (no database)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from regulations.eligibility import add_months, age_on, judge
from regulations.facts import parse_facts
from regulations.policies.vocabularies import Tier
from tests.regulations.facts import nanning, snapshot_from_fixture

NANNING = snapshot_from_fixture("nanning-ftz-urgent-talent.json")
RANK = {None: 0, **{tier: Tier.rank(tier) for tier in Tier.values}}

roles = st.sampled_from(
    ["principal", "innovation_leader", "senior_manager", "middle_manager", "tech_backbone", "staff"]
)
degrees = st.sampled_from(["doctorate", "master", "bachelor", "other", None])
levels = st.sampled_from(["A", "B", "C", "D", "E", None])
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2026, 12, 7))


@st.composite
def nanning_facts(draw):
    return nanning(
        as_of=draw(st.dates(min_value=dt.date(2024, 12, 8), max_value=dt.date(2026, 12, 7))).isoformat(),
        **{
            "person.birth_date": draw(
                st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2005, 1, 1))
            ).isoformat(),
            "person.highest_degree": draw(degrees),
            "person.guangxi_talent_level": draw(levels),
            "person.skill_level": draw(st.sampled_from(["senior_technician", "technician", None])),
            "employment.role": draw(roles),
            "employment.annual_salary_cny": draw(st.integers(min_value=0, max_value=3_000_000)),
            "employment.contract_years": draw(st.integers(min_value=0, max_value=10)),
            "employment.hired_on": draw(dates).isoformat(),
            "employment.conditions_met_on": None,
        },
    )


def tier_of(facts: dict):
    return judge(parse_facts(facts), NANNING)["tier"]


@settings(max_examples=300, deadline=None)
@given(nanning_facts(), st.integers(min_value=0, max_value=2_000_000))
def test_raising_salary_never_lowers_the_tier(facts, raise_by):
    before = tier_of(facts)
    richer = nanning(**{})
    richer.update(facts)
    richer["employment"] = {
        **facts["employment"],
        "annual_salary_cny": facts["employment"]["annual_salary_cny"] + raise_by,
    }
    assert RANK[tier_of(richer)] >= RANK[before]


@settings(max_examples=300, deadline=None)
@given(nanning_facts())
def test_eligible_iff_something_matched_and_best_has_the_highest_tier(facts):
    answer = judge(parse_facts(facts), NANNING)
    assert answer["eligible"] is bool(answer["matched"])
    if answer["eligible"]:
        tiers = {c.code: c.tier for c in NANNING.criteria}
        assert answer["best"] == answer["matched"][0]
        assert all(RANK[tiers[code]] <= RANK[answer["tier"]] for code in answer["matched"])
        assert answer["validity_years"] == (5 if answer["tier"] == "I" else 3)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 1, 1)), st.integers(0, 36000))
def test_age_grows_by_one_each_birthday(birth, days):
    day = birth + dt.timedelta(days=days)
    age = age_on(birth, day)
    assert 0 <= age <= days // 365 + 1
    assert age_on(birth, day + dt.timedelta(days=1)) in (age, age + 1)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 60))
def test_add_months_stays_in_the_target_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
