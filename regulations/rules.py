"""The keys a criterion's `params` may hold, their types and names. The engine (regulations.eligibility) reads
them; the admin's criterion form (regulations.admin_forms) offers one field per key."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
PARAM_LABELS = {
    "work_permit_class": gettext_lazy("要求的工作许可类别"),
    "work_permit_issued_by_beihai": gettext_lazy("工作许可须由北海市行政审批局颁发"),
    "r_visa": gettext_lazy("须持外国人才签证（R字签证）"),
    "honour_list": gettext_lazy("须获荣誉称号名单中的荣誉"),
    "recommended_by_department": gettext_lazy("须经市级行业主管部门或开发区推荐"),
    "guangxi_talent_levels": gettext_lazy("广西高层次人才层次（任一）"),
    "roles": gettext_lazy("岗位（任一）"),
    "min_annual_salary_cny": gettext_lazy("最低年薪（元，含）"),
    "directory_enterprise": gettext_lazy("须在急需紧缺人才企业名录内的企业工作"),
    "degrees": gettext_lazy("学位（任一）"),
    "max_age_years": gettext_lazy("最高年龄（周岁，含）"),
    "skill_levels": gettext_lazy("职业技能等级（任一）"),
    "foreign_a_class_items": gettext_lazy("外国高端人才（A类）标准条目（任一）"),
    "case_by_case": gettext_lazy("一事一议（不自动匹配，由领导小组研究决定）"),
}


def params_problems(params) -> list[str]:
    if not isinstance(params, dict):
        return [_("判定参数必须是 JSON 对象。")]
    problems = []
    for key, value in params.items():
        expected = PARAM_TYPES.get(key)
        if expected is None:
            allowed = ", ".join(PARAM_KEYS)
            problems.append(_("未知的判定参数“%(key)s”（可用：%(keys)s）。") % {"key": key, "keys": allowed})
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(_("判定参数“%(key)s”的类型应为 %(type)s。") % {"key": key, "type": expected.__name__})
        elif expected is int and value < 0:
            problems.append(_("%(label)s不能为负数。") % {"label": PARAM_LABELS[key]})
    return problems
