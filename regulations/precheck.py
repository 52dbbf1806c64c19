"""The web pre-check: an employer or a talent answers questions and sees the engine's answer."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.identity import CountryChoiceField
from regulations import reference
from regulations.eligibility import evaluate
from regulations.facts import FactsError
from regulations.models import Criterion, DirectoryEnterprise, ForeignAClassItem, TalentLevel
from regulations.policies import regulation_choices
from regulations.policies.fields import BASIC_CONDITION_ATTESTATIONS, fact_field
from regulations.policies.vocabularies import City, Degree, EmploymentRole, PermitClass, SkillLevel

YES_NO = [("", _("请选择")), ("yes", _("是")), ("no", _("否"))]


NOT_GIVEN = _("未填写 / 不适用")
DATE_INPUT = {"type": "date"}
DATE_FORMAT = "%Y-%m-%d"  # what <input type=date> needs, whatever the language


def _date_input():
    return forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT)


def _blank(label=NOT_GIVEN):
    return [("", label)]


class PrecheckForm(forms.Form):
    regulation = forms.ChoiceField(label=_("认定办法"), choices=(), widget=forms.RadioSelect)
    as_of = forms.DateField(label=_("判断日期"), widget=_date_input())
    nationality = CountryChoiceField(label=_("国籍"), required=False)
    birth_date = forms.DateField(label=_("出生日期"), required=False, widget=_date_input())
    highest_degree = forms.ChoiceField(label=_("最高学位"), required=False, choices=_blank() + Degree.choices)
    skill_level = forms.ChoiceField(label=_("职业技能等级"), required=False, choices=_blank() + SkillLevel.choices)
    guangxi_talent_level = forms.ChoiceField(label=_("广西高层次人才层次"), required=False)
    foreign_a_class_items = forms.MultipleChoiceField(
        label=_("符合外国高端人才（A类）标准的条目"), required=False, widget=forms.CheckboxSelectMultiple
    )
    work_permit_class = forms.ChoiceField(
        label=_("外国人工作许可证类别"),
        required=False,
        choices=_blank(_("无工作许可证")) + PermitClass.choices,
    )
    work_permit_issued_by_beihai = forms.BooleanField(label=_("工作许可证由北海市行政审批局颁发"), required=False)
    work_permit_valid_until = forms.DateField(label=_("工作居留许可有效期至"), required=False, widget=_date_input())
    has_r_visa = forms.BooleanField(label=_("持有外国人才签证（R字签证）"), required=False)
    r_visa_valid_until = forms.DateField(label=_("R字签证有效期至"), required=False, widget=_date_input())
    honours = forms.MultipleChoiceField(
        label=_("获得的荣誉称号或人才认定等级"), required=False, widget=forms.CheckboxSelectMultiple
    )
    city = forms.ChoiceField(label=_("工作地点"), choices=_blank(_("请选择")) + City.choices)
    full_time = forms.ChoiceField(label=_("是否全职工作"), choices=YES_NO, required=False)
    civil_service = forms.ChoiceField(
        label=_("是否为公务员或参照公务员管理的事业单位人员"), choices=YES_NO, required=False
    )
    directory_enterprise = forms.ModelChoiceField(
        label=_("所在企业（急需紧缺人才企业名录）"),
        queryset=DirectoryEnterprise.objects.none(),
        required=False,
        empty_label=_("不在名录内 / 不适用"),
    )
    hired_on = forms.DateField(label=_("引进（入职）日期"), required=False, widget=_date_input())
    contract_years = forms.DecimalField(
        label=_("劳动合同年限（年）"), required=False, min_value=0, max_value=100, decimal_places=1
    )
    role = forms.ChoiceField(label=_("岗位"), required=False, choices=_blank() + EmploymentRole.choices)
    annual_salary_cny = forms.IntegerField(
        label=_("年薪（元，按个人所得税申报的工资薪金）"), required=False, min_value=0, max_value=10**12
    )
    recommended_by_department = forms.BooleanField(
        label=_("已获市级行业主管部门或自治区级及以上开发区管理部门推荐"), required=False
    )
    conditions_met_on = forms.DateField(label=_("符合认定条件的日期"), required=False, widget=_date_input())
    contract_signed_on = forms.DateField(label=_("劳动合同签订（起始）日期"), required=False, widget=_date_input())
    social_insurance_months = fact_field("social_insurance_months")
    attests_law_abiding = fact_field("attests_law_abiding")
    attests_professional_ethics = fact_field("attests_professional_ethics")
    attests_health = fact_field("attests_health")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regulation"].choices = regulation_choices()
        self.fields["guangxi_talent_level"].choices = _blank(_("无")) + [
            (level.code, level.name) for level in TalentLevel.objects.all()
        ]
        self.fields["foreign_a_class_items"].choices = [
            (str(item.number), item.title) for item in ForeignAClassItem.objects.all()
        ]
        self.fields["honours"].choices = reference.honour_choices()
        self.fields["directory_enterprise"].queryset = DirectoryEnterprise.objects.all()
        self.fields["directory_enterprise"].label_from_instance = lambda e: (
            _("%(name)s（%(code)s）")
            % {
                "name": e.name,
                "code": e.credit_code,
            }
        )

    def facts(self) -> dict:
        data = self.cleaned_data
        person = {
            "nationality": (data["nationality"] or "").upper() or None,
            "birth_date": _iso(data["birth_date"]),
            "highest_degree": data["highest_degree"] or None,
            "skill_level": data["skill_level"] or None,
            "guangxi_talent_level": data["guangxi_talent_level"] or None,
            "foreign_a_class_items": [int(i) for i in data["foreign_a_class_items"]],
            "honours": list(data["honours"]),
            "basic_conditions_attested": all(data[name] for name in BASIC_CONDITION_ATTESTATIONS),
        }
        if data["work_permit_class"]:
            person["work_permit"] = {
                "class": data["work_permit_class"],
                "issued_by_beihai": data["work_permit_issued_by_beihai"],
                "valid_until": _iso(data["work_permit_valid_until"]),
            }
        if data["has_r_visa"]:
            person["r_visa"] = {"valid_until": _iso(data["r_visa_valid_until"])}
        enterprise = data["directory_enterprise"]
        contract_years = data["contract_years"]
        employment = {
            "city": data["city"] or None,
            "full_time": data["full_time"] == "yes",
            "civil_service": data["civil_service"] == "yes",
            "directory_enterprise": (
                {"joined_on": _iso(enterprise.joined_on), "left_on": _iso(enterprise.left_on)} if enterprise else None
            ),
            "hired_on": _iso(data["hired_on"]),
            "contract_years": float(contract_years) if contract_years is not None else None,
            "role": data["role"] or None,
            "annual_salary_cny": data["annual_salary_cny"],
            "recommended_by_department": data["recommended_by_department"],
            "conditions_met_on": _iso(data["conditions_met_on"]),
            "contract_signed_on": _iso(data["contract_signed_on"]),
            "social_insurance_months": data["social_insurance_months"],
        }
        return {
            "regulation": data["regulation"],
            "as_of": _iso(data["as_of"]),
            "person": person,
            "employment": employment,
        }


def _iso(day):
    return day.isoformat() if day else None


def precheck(request):
    answer = None
    matched_criteria = []
    materials = []
    if request.method == "POST":
        form = PrecheckForm(request.POST)
        if form.is_valid():
            try:
                answer = evaluate(form.facts(), language=request.LANGUAGE_CODE)
            except FactsError as exc:
                form.add_error(None, exc.message)
            else:
                if answer["eligible"]:
                    by_code = {
                        c.code: c
                        for c in Criterion.objects.filter(version__code=answer["version"], code__in=answer["matched"])
                    }
                    matched_criteria = [by_code[code] for code in answer["matched"] if code in by_code]
                    by_material = reference.current().material_types
                    materials = [by_material[code] for code in answer["required_materials"] if code in by_material]
    else:
        form = PrecheckForm(initial={"as_of": timezone.localdate(), "regulation": request.GET.get("regulation")})
    return render(
        request,
        "regulations/precheck.html",
        {"form": form, "answer": answer, "matched_criteria": matched_criteria, "materials": materials},
        status=200,
    )
