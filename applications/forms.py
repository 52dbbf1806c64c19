"""The portal's forms. Drafts accept partial input; completeness is checked when the file is submitted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import Application

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PERSON_FIELDS = ["full_name", "sex", "nationality", "birth_date", "document_type", "document_number"]
BEIHAI_FIELDS = PERSON_FIELDS + [
    "position",
    "permit_valid_from",
    "permit_valid_until",
    "unit_contact_name",
    "unit_contact_phone",
    "talent_email",
    "honour_code",
    "honour_other_title",
    "condition_statement",
]
NANNING_FIELDS = PERSON_FIELDS + [
    "native_place",
    "phone",
    "email",
    "employer_address",
    "full_time",
    "position",
    "county",
    "highest_education",
    "professional_title",
    "vocational_qualification",
    "contract_start",
    "contract_end",
    "permit_valid_until",
    "condition_statement",
    "education_and_work_history",
    "achievements",
]

WORK_PERMIT_CLASSES = [("", _("无")), ("A", _("A类")), ("B", _("B类")), ("C", _("C类"))]
GUANGXI_LEVELS = [("", _("无"))] + [(level, _("%(level)s层次") % {"level": level}) for level in "ABCDE"]
SKILL_LEVELS = [("", _("无")), ("senior_technician", _("高级技师")), ("technician", _("技师"))]
ROLES = [
    ("", _("请选择")),
    ("principal", _("企业主要负责人")),
    ("innovation_leader", _("科技创新带头人")),
    ("senior_manager", _("高级管理人员")),
    ("middle_manager", _("中层管理人员")),
    ("tech_backbone", _("科技骨干")),
    ("staff", _("其他员工")),
]
A_CLASS_ITEMS = [
    (1, _("（一）入选国内人才引进计划")),
    (2, _("（二）符合国际公认的专业成就认定标准")),
    (3, _("（三）符合市场导向的鼓励类岗位需求")),
    (4, _("（四）创新创业人才")),
    (5, _("（五）优秀青年人才")),
    (6, _("（六）计点积分在85分以上")),
]

# The facts the engine needs that are not columns of Application; kept in Application.facts.
FACT_FIELDS_BEIHAI = ["work_permit_class", "work_permit_issued_by_beihai", "has_r_visa", "recommended_by_department"]
FACT_FIELDS_NANNING = [
    "civil_service",
    "hired_on",
    "role",
    "annual_salary_cny",
    "guangxi_talent_level",
    "skill_level",
    "foreign_a_class_items",
    "work_permit_class",
    "conditions_met_on",
]


class ApplicationForm(forms.ModelForm):
    """Every field of the regulation's application form; all optional while the file is a draft."""

    work_permit_class = forms.ChoiceField(label=_("外国人工作许可类别"), choices=WORK_PERMIT_CLASSES, required=False)
    work_permit_issued_by_beihai = forms.BooleanField(label=_("工作许可由北海市行政审批局颁发"), required=False)
    has_r_visa = forms.BooleanField(label=_("持有外国人才签证（R字签证）"), required=False)
    recommended_by_department = forms.BooleanField(
        label=_("已获市直部门或自治区级以上开发区推荐（急需紧缺）"), required=False
    )
    civil_service = forms.BooleanField(label=_("属于公务员或参照公务员法管理的单位工作人员"), required=False)
    hired_on = forms.DateField(label=_("引进（入职）日期"), required=False, widget=DATE)
    role = forms.ChoiceField(label=_("在单位担任的角色"), choices=ROLES, required=False)
    annual_salary_cny = forms.IntegerField(
        label=_("年薪（元）"),
        required=False,
        min_value=0,
        max_value=10**10,
        help_text=_("在片区申报个人所得税的当年或上一年度工资薪金收入。"),
    )
    guangxi_talent_level = forms.ChoiceField(label=_("广西高层次人才层次"), choices=GUANGXI_LEVELS, required=False)
    skill_level = forms.ChoiceField(label=_("职业技能等级"), choices=SKILL_LEVELS, required=False)
    foreign_a_class_items = forms.TypedMultipleChoiceField(
        label=_("符合《外国人来华工作分类标准（试行）》外国高端人才（A类）的条目"),
        choices=A_CLASS_ITEMS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conditions_met_on = forms.DateField(
        label=_("符合认定条件的日期"),
        required=False,
        widget=DATE,
        help_text=_("须在符合认定条件之日起6个月内申报。"),
    )

    class Meta:
        model = Application
        fields = sorted(set(BEIHAI_FIELDS) | set(NANNING_FIELDS))
        widgets = {
            "birth_date": DATE,
            "permit_valid_from": DATE,
            "permit_valid_until": DATE,
            "contract_start": DATE,
            "contract_end": DATE,
            "achievements": forms.Textarea(attrs={"maxlength": 500, "data-count": "500", "rows": 6}),
            "education_and_work_history": forms.Textarea(attrs={"rows": 6}),
            "condition_statement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, instance=application, **kwargs)
        if application.is_beihai:
            keep, facts = BEIHAI_FIELDS, FACT_FIELDS_BEIHAI
            self.fields["permit_valid_from"].label = _("工作居留许可或人才签证有效期起")
            self.fields["permit_valid_until"].label = _("工作居留许可或人才签证有效期至")
            self.fields["talent_email"].help_text = _(
                "填写后，申请人用此邮箱注册并验证后可在平台查看进度、下载认定书。"
            )
            self.fields["document_number"].label = _("护照号码")
        else:
            keep, facts = NANNING_FIELDS, FACT_FIELDS_NANNING
            self.fields["document_number"].label = _("身份证号码或护照号码")
            self.fields["permit_valid_until"].label = _("外国人工作许可有效期至（外籍人才填写）")
        full_time = forms.NullBooleanSelect()
        full_time.choices = [("unknown", _("请选择")), ("true", _("是")), ("false", _("否"))]
        self.fields["full_time"] = forms.NullBooleanField(
            label=Application._meta.get_field("full_time").verbose_name, required=False, widget=full_time
        )
        self.fields["nationality"].widget.attrs.update({"maxlength": 2, "autocomplete": "off"})
        self.fields["nationality"].help_text = _("两位字母代码，如 GB、US、CN。")
        self.fields["honour_code"] = forms.ChoiceField(
            label=_("荣誉称号或人才称号"), choices=self._honour_choices(), required=False
        )
        allowed = set(keep) | set(facts)
        for name in list(self.fields):
            if name not in allowed:
                del self.fields[name]
        stored = application.facts or {}
        for name in facts:
            if name in stored and not self.is_bound:
                self.initial[name] = stored[name]
        self.fact_names = facts

    @staticmethod
    def _honour_choices():
        from regulations.models import Honour

        return [("", _("无"))] + [(h.code, h.name) for h in Honour.objects.all()]

    def clean_nationality(self):
        value = (self.cleaned_data.get("nationality") or "").strip().upper()
        if value and (len(value) != 2 or not value.isalpha() or not value.isascii()):
            raise forms.ValidationError(_("请填写两位字母的国家代码，如 GB。"))
        return value

    def clean_achievements(self):
        value = self.cleaned_data.get("achievements") or ""
        if len(value) > 500:
            raise forms.ValidationError(_("主要业绩及荣誉限500字以内，当前%(count)d字。") % {"count": len(value)})
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end <= start:
            self.add_error("contract_end", _("合同终止日期应晚于起始日期。"))
        valid_from, valid_until = data.get("permit_valid_from"), data.get("permit_valid_until")
        if valid_from and valid_until and valid_until <= valid_from:
            self.add_error("permit_valid_until", _("有效期截止日期应晚于起始日期。"))
        if data.get("honour_code") == "other-city-level-or-above" and not data.get("honour_other_title"):
            if "honour_other_title" in self.fields:
                self.add_error("honour_other_title", _("请填写荣誉称号的名称。"))
        return data

    def split_cleaned(self, *, valid_only: bool = False) -> tuple[dict, dict]:
        """(model field values, facts) from cleaned_data; with valid_only, fields with errors are left out."""
        cleaned = getattr(self, "cleaned_data", {}) or {}
        fields, facts = {}, {}
        for name in self.fields:
            if name not in cleaned or (valid_only and name in self.errors):
                continue
            value = cleaned[name]
            if name in self.fact_names:
                facts[name] = value.isoformat() if hasattr(value, "isoformat") else value
            else:
                fields[name] = value
        return fields, facts


class SubmitForm(forms.Form):
    pledge = forms.BooleanField(
        label=_("本人承诺提交的申报材料中所有内容真实，由于提供内容不真实所产生的一切后果由本人承担。"),
        required=True,
        error_messages={"required": _("请勾选申请人承诺。")},
    )
    pledge_name = forms.CharField(label=_("承诺人签名（填写姓名）"), max_length=120)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写撤回理由。")},
    )
    confirm = forms.BooleanField(
        label=_("我确认撤回本申请。撤回后本申请不再办理，如需认定须重新申请。"),
        error_messages={"required": _("请勾选确认撤回。")},
    )


class EmployerDecisionForm(forms.Form):
    opinion = forms.CharField(
        label=_("单位推荐意见或退回理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("请填写推荐意见或退回理由。")},
    )


class NanningStartForm(forms.Form):
    credit_code = forms.CharField(
        label=_("工作单位的统一社会信用代码"),
        max_length=18,
        help_text=_("您的单位须先在本平台注册；申请将提交给该单位审核推荐。"),
    )

    def clean_credit_code(self):
        from accounts.credit_code import normalise_credit_code, validate_credit_code
        from accounts.models import Organisation

        code = normalise_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        organisation = Organisation.objects.filter(credit_code=code).first()
        if organisation is None:
            raise forms.ValidationError(_("该单位尚未在本平台注册，请联系单位先注册用人单位账户。"))
        self.organisation = organisation
        return code
