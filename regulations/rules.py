"""The keys a criterion's `params` may hold, and their types. The engine (regulations.eligibility) reads them."""

PARAM_TYPES = {
    "work_permit_class": str,  # "A" | "B" | "C"
    "work_permit_issued_by_beihai": bool,
    "r_visa": bool,
    "honour_list": bool,  # any honour of the Honour table
    "recommended_by_department": bool,
    "guangxi_talent_levels": list,  # of "A".."E"
    "roles": list,  # of role codes
    "min_annual_salary_cny": int,  # inclusive
    "directory_enterprise": bool,  # Nanning Art. 5 directory-enterprise rules
    "degrees": list,  # of degree codes
    "max_age_years": int,  # inclusive, whole years on the day judged
    "skill_levels": list,
    "foreign_a_class_items": list,  # of 1..6
    "case_by_case": bool,  # NN-CASE: never matched automatically, decided by the leadership group
}
PARAM_KEYS = tuple(PARAM_TYPES)


def params_problems(params) -> list[str]:
    if not isinstance(params, dict):
        return ["params must be a JSON object"]
    problems = []
    for key, value in params.items():
        expected = PARAM_TYPES.get(key)
        if expected is None:
            problems.append(f"unknown key {key!r} (allowed: {', '.join(PARAM_KEYS)})")
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(f"{key!r} must be of type {expected.__name__}")
    return problems
