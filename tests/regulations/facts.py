"""Builders of eligibility facts (spec §5) for the tests: a good base case, changed one key at a time."""

import copy
import datetime as dt
import json

from regulations import codes
from regulations.eligibility import CriterionRule, VersionSnapshot
from regulations.seed import read_fixture

NANNING_BASE = {
    "regulation": codes.NANNING,
    "as_of": "2026-11-21",
    "person": {
        "nationality": "CN",
        "birth_date": "1990-03-01",
        "highest_degree": "other",
        "skill_level": None,
        "guangxi_talent_level": None,
        "foreign_a_class_items": [],
        "honours": [],
        "disqualified": False,
        "basic_conditions_attested": True,
    },
    "employment": {
        "city": "nanning-ftz",
        "full_time": True,
        "civil_service": False,
        "directory_enterprise": {"joined_on": "2022-03-01", "left_on": None},
        "hired_on": "2023-02-15",
        "contract_years": 3,
        "role": "staff",
        "annual_salary_cny": 200000,
        "recommended_by_department": False,
        "conditions_met_on": "2026-08-01",
        "contract_signed_on": "2023-02-15",
        "social_insurance_months": 12,
    },
}

BEIHAI_BASE = {
    "regulation": codes.BEIHAI,
    "as_of": "2026-11-21",
    "person": {"nationality": "GB", "birth_date": "1980-01-01", "honours": [], "disqualified": False},
    "employment": {"city": "beihai", "full_time": True},
}


def facts(base: dict, **changes) -> dict:
    """A deep copy of `base` with dotted-path changes: facts(NANNING_BASE, **{"person.birth_date": "1980-01-01"})."""
    result = copy.deepcopy(base)
    for path, value in changes.items():
        target = result
        *parents, last = path.split(".")
        for name in parents:
            target = target.setdefault(name, {})
        target[last] = value
    return result


def nanning(**changes) -> dict:
    return facts(NANNING_BASE, **changes)


def beihai(**changes) -> dict:
    return facts(BEIHAI_BASE, **changes)


def snapshot_from_fixture(filename: str) -> VersionSnapshot:
    """The version snapshot straight from fixtures/, no database: the engine's rules are pure."""
    doc = read_fixture(filename)
    version = doc["versions"][0]
    honours = read_fixture("reference-lists.json")["honours"]

    def date(value):
        return dt.date.fromisoformat(value) if value else None

    return VersionSnapshot(
        regulation_code=doc["regulation"]["code"],
        code=version["code"],
        title_zh=version["title_zh"],
        title_en=version["title_en"],
        issued_on=date(version["issued_on"]),
        effective_from=date(version["effective_from"]),
        effective_until=date(version["effective_until"]),
        criteria=tuple(
            CriterionRule(
                code=c["code"],
                tier=c["tier"],
                params=json.loads(json.dumps(c["params"])),
                materials=tuple(sorted(c["materials"])),
                sort_order=c["sort_order"],
            )
            for c in version["criteria"]
        ),
        common_materials=tuple(version["common_materials"]),
        honour_codes=frozenset(h["code"] for h in honours),
        honours_needing_judgement=frozenset(h["code"] for h in honours if h["needs_judgement"]),
        apply_within_months=version["apply_within_months"],
        transitional_hired_from=date(version["transitional_hired_from"]),
        transitional_hired_until=date(version["transitional_hired_until"]),
        transitional_apply_months=version["transitional_apply_months"],
        directory_hired_after=date(version["directory_hired_after"]),
        min_contract_years=version["min_contract_years"],
        validity_years=tuple(
            (tier, version[f"validity_years_tier_{tier.lower()}"])
            for tier in ("I", "II", "III")
            if version[f"validity_years_tier_{tier.lower()}"]
        ),
    )
