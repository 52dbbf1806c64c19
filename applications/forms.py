"""The portal's forms. Drafts accept partial input; completeness is checked when the file is submitted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import identity
from applications.models import Application
from regulations import reference
from regulations.policies import all_policies, policy_for
from regulations.policies.fields import DATE, fact_field


class ApplicationForm(forms.ModelForm):
    """Every field of the regulation's application form; all optional while the file is a draft."""

    class Meta:
        model = Application
        fields = sorted({name for policy in all_policies() for name in policy.form_fields})
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
        policy = policy_for(application)
        keep, facts = policy.form_fields, policy.fact_fields
        for name in facts:
            self.fields[name] = fact_field(name)
        for name, label in policy.field_labels.items():
            self.fields[name].label = label
        for name, help_text in policy.field_help.items():
            self.fields[name].help_text = help_text
        full_time = forms.NullBooleanSelect()
        full_time.choices = [("unknown", _("请选择")), ("true", _("是")), ("false", _("否"))]
        self.fields["full_time"] = forms.NullBooleanField(
            label=Application._meta.get_field("full_time").verbose_name, required=False, widget=full_time
        )
        if "nationality" in self.fields:
            # An ISO 3166 list in the reader's language (accounts.identity); the code is what is stored.
            self.fields["nationality"] = identity.CountryChoiceField(
                label=Application._meta.get_field("nationality").verbose_name, required=False
            )
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
        # Drafts save partial input; these must be filled before the file can be submitted.
        self.required_at_submission = set(policy.required_field_names(application.regulation_version))
        for name in self.required_at_submission & set(self.fields):
            self.fields[name].required_at_submission = True

    @staticmethod
    def _honour_choices():

        return [("", _("无"))] + reference.honour_choices()

    def clean_document_number(self):
        return identity.normalise_document_number(self.cleaned_data.get("document_number"))

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
        problems = identity.identity_problems(
            document_type=data.get("document_type") or self.instance.document_type,
            document_number=data.get("document_number") or "",
            nationality=data.get("nationality") or "",
            birth_date=data.get("birth_date"),
            sex=data.get("sex") or "",
        )
        for name, problem in problems.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, problem)
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
        from applications.services import nanning_employer_problem

        code = normalise_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        organisation = Organisation.objects.filter(credit_code=code).first()
        if organisation is None:
            raise forms.ValidationError(_("该单位尚未在本平台注册，请联系单位先注册用人单位账户。"))
        problem = nanning_employer_problem(organisation)
        if problem:
            raise forms.ValidationError(problem)
        self.organisation = organisation
        return code
