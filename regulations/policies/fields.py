"""The facts an applicant states that are not columns of the application (kept in `Application.facts`).

One definition per fact: its form field (label, choices, help) is built here and used by the portal form;
the regulation policies say which of them their form asks.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from regulations.policies.vocabularies import (
    EmploymentRole,
    ForeignAClassItem,
    GuangxiTalentLevel,
    PermitClass,
    SkillLevel,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


NONE = _("无")


def _none(label=NONE):
    return [("", label)]


def _date(label, help_text=""):
    return forms.DateField(label=label, required=False, widget=DATE, help_text=help_text)


FACT_FIELDS = {
    "work_permit_class": lambda: forms.ChoiceField(
        label=_("外国人工作许可类别"), choices=_none() + PermitClass.choices, required=False
    ),
    "work_permit_issued_by_beihai": lambda: forms.BooleanField(
        label=_("工作许可由北海市行政审批局颁发"), required=False
    ),
    "has_r_visa": lambda: forms.BooleanField(label=_("持有外国人才签证（R字签证）"), required=False),
    "recommended_by_department": lambda: forms.BooleanField(
        label=_("已获市直部门或自治区级以上开发区推荐（急需紧缺）"), required=False
    ),
    "civil_service": lambda: forms.BooleanField(label=_("属于公务员或参照公务员法管理的单位工作人员"), required=False),
    "hired_on": lambda: _date(_("引进（入职）日期")),
    "role": lambda: forms.ChoiceField(
        label=_("在单位担任的角色"), choices=_none(_("请选择")) + EmploymentRole.choices, required=False
    ),
    "annual_salary_cny": lambda: forms.IntegerField(
        label=_("年薪（元）"),
        required=False,
        min_value=0,
        max_value=10**10,
        help_text=_("在片区申报个人所得税的当年或上一年度工资薪金收入。"),
    ),
    "guangxi_talent_level": lambda: forms.ChoiceField(
        label=_("广西高层次人才层次"), choices=_none() + GuangxiTalentLevel.choices, required=False
    ),
    "skill_level": lambda: forms.ChoiceField(
        label=_("职业技能等级"), choices=_none() + SkillLevel.choices, required=False
    ),
    "foreign_a_class_items": lambda: forms.TypedMultipleChoiceField(
        label=_("符合《外国人来华工作分类标准（试行）》外国高端人才（A类）的条目"),
        choices=ForeignAClassItem.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    ),
    "conditions_met_on": lambda: _date(
        _("符合认定条件的日期"), _("须在符合认定条件之日起6个月内申报（第十四条），此项必填。")
    ),
    "social_insurance_months": lambda: forms.IntegerField(
        label=_("签订劳动合同后已缴纳社会保险（月）"),
        required=False,
        min_value=0,
        max_value=600,
        help_text=_("第九条：须提供签订合同之后6个月及以上的社保缴纳证明。"),
    ),
    # Nanning Art. 5 (一)–(三): the basic conditions the applicant attests, one box each, never pre-ticked.
    "attests_law_abiding": lambda: forms.BooleanField(
        label=_("本人热爱中华人民共和国，遵守国家法律法规（第五条（一））"), required=False
    ),
    "attests_professional_ethics": lambda: forms.BooleanField(
        label=_("本人有良好的职业道德，严谨的工作作风（第五条（二））"), required=False
    ),
    "attests_health": lambda: forms.BooleanField(
        label=_("本人身体健康，能坚持从事创新创业创造工作（第五条（三））"), required=False
    ),
}

BASIC_CONDITION_ATTESTATIONS = ("attests_law_abiding", "attests_professional_ethics", "attests_health")


def fact_field(name: str) -> forms.Field:
    return FACT_FIELDS[name]()


def fact_label(name: str) -> str:
    return str(FACT_FIELDS[name]().label)
