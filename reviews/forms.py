from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from accounts.templatetags.user_text import user_text
from applications import states as s
from regulations.policies import policy_for
from regulations.policies.vocabularies import MisconductReason, ObjectionDecision, Tier
from regulations.reference import material_name
from regulations.text import enumeration
from reviews.models import APPEAL_OPINIONS, OPINION_CHOICES, AppealStatus, TierOneFiling

REASON_MAX = 4000


class ActionForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(
        label=_("审核意见（可选）"), required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action in s.REASON_REQUIRED:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _("必须填写理由。")
        else:
            del self.fields["reason"]


class AcceptForm(ActionForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("同时征求以下部门的意见"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, action=s.T_ACCEPT, **kwargs)
        policy = policy_for(application)
        if policy.required_consulted_departments:
            self.fields["departments"].label = _("同时征求以下部门的意见（%(departments)s必征）") % {
                "departments": enumeration(Department.names_of(policy.required_consulted_departments))
            }
        self.fields["departments"].queryset = Department.objects.filter(
            consultable=True, city=policy.department_city
        ).exclude(code__in=policy.required_consulted_departments)


def _misconduct_choices(codes_):
    labels = dict(MisconductReason.choices)
    return [(code, labels[code]) for code in codes_]


def fraud_consequence_preview(application) -> dict:
    """What ticking each box will do, named for this file (shown beside the box before anyone ticks it)."""
    policy = policy_for(application)
    preview = {
        "disqualify_person": _sentence(
            _("%(name)s（证件号码 %(number)s）将被取消认定资格，此后不再受理其认定申请（%(article)s）。"),
            name=user_text(application.full_name or "—"),
            number=application.document_number or "—",
            article=policy.disqualification_article,
        )
    }
    if policy.employer_credit_article:
        organisation = application.organisation
        preview["employer_credit_record"] = _sentence(
            _("%(org)s（统一社会信用代码 %(code)s）将记入诚信档案，由相关主管部门依法依规处理（%(article)s）。"),
            org=user_text(organisation.name),
            code=organisation.credit_code,
            article=policy.employer_credit_article,
        )
    return preview


class ReturnForm(ActionForm):
    """Return for correction tells everything to correct at once (行政许可法 Art. 32(4) 一次告知): the materials
    to send again and every other point, one per line. The reason the applicant reads is that numbered list."""

    materials = forms.MultipleChoiceField(
        label=_("需重新提交的材料"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, application, **kwargs):

        super().__init__(*args, action=s.T_RETURN, **kwargs)
        reason = self.fields.pop("reason")
        reason.required = False
        reason.label = _("其他需要补正的内容（每行一项）")
        reason.help_text = _("一次告知需要补正的全部内容；申请人补正后重新提交，受理决定期限重新计算。")
        self.fields = {"materials": self.fields.pop("materials"), "reason": reason, **self.fields}
        codes_wanted = application.required_material_codes()
        self.fields["materials"].choices = [(code, material_name(code)) for code in codes_wanted]

    def clean(self):
        data = super().clean()
        labels = dict(self.fields["materials"].choices)
        items = [_("重新提交%(name)s") % {"name": labels[code]} for code in data.get("materials") or []]
        items += [line.strip() for line in (data.get("reason") or "").splitlines() if line.strip()]
        if not items:
            raise ValidationError(_("请列出需要补正的全部内容：勾选需重新提交的材料，或逐行写明其他需要补正的内容。"))
        data["reason"] = "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))
        return data


def _sentence(template, **values):
    """A translated sentence, escaped, with the values escaped too (people's data stays marked as such)."""
    return mark_safe(conditional_escape(template) % {key: conditional_escape(v) for key, v in values.items()})


class MisconductFields(forms.Form):
    """The fraud boxes shared by a refusal and a revocation: never ticked until staff tick them."""

    disqualify_person = forms.BooleanField(label=_("申请人弄虚作假：取消其认定资格"), required=False, initial=False)
    employer_credit_record = forms.BooleanField(
        label=_("用人单位弄虚作假：记入诚信档案"), required=False, initial=False
    )

    def _setup_misconduct(self, application, *, reason_field, codes_):
        policy = policy_for(application)
        preview = fraud_consequence_preview(application)
        self.fields[reason_field].choices = _misconduct_choices(codes_)
        self.fields["disqualify_person"].help_text = preview["disqualify_person"]
        if policy.employer_credit_article:
            self.fields["employer_credit_record"].help_text = preview["employer_credit_record"]
        else:
            del self.fields["employer_credit_record"]
        self.consequence_preview = preview


class RevokeForm(MisconductFields):
    reason_code = forms.ChoiceField(label=_("取消原因"), choices=())
    reason = forms.CharField(label=_("事实与理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["reason_code", "reason", "disqualify_person", "employer_credit_record"]

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = s.T_REVOKE
        self.fields["reason"].error_messages["required"] = _("必须填写理由。")
        policy = policy_for(application)
        self._setup_misconduct(application, reason_field="reason_code", codes_=policy.revocation_reasons)
        if not policy.employer_credit_article:
            # Nanning Art. 12: the reason itself decides whether the person is barred; nothing to choose.
            del self.fields["disqualify_person"]

    def clean(self):
        data = super().clean()
        if "employer_credit_record" in self.fields and not (
            data.get("disqualify_person") or data.get("employer_credit_record")
        ):
            raise ValidationError(_("请至少选择一项：申请人弄虚作假或用人单位弄虚作假。"))
        return data


class RefuseForm(ActionForm, MisconductFields):
    """A refusal with its reasons; when fraud was found, the consequences staff choose (Beihai 13(一)(二),
    Nanning 12(一)), previewed and never pre-ticked."""

    fraud_code = forms.ChoiceField(label=_("弄虚作假情形（发现弄虚作假时选择）"), required=False, choices=())

    field_order = ["reason", "comment", "disqualify_person", "employer_credit_record", "fraud_code"]

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, action=s.T_REFUSE, **kwargs)
        policy = policy_for(application)
        self._setup_misconduct(application, reason_field="fraud_code", codes_=policy.fraud_reasons)
        self.fields["fraud_code"].choices = [("", _("未发现弄虚作假"))] + self.fields["fraud_code"].choices

    def clean(self):
        data = super().clean()
        fraud = data.get("disqualify_person") or data.get("employer_credit_record")
        if fraud and not data.get("fraud_code"):
            self.add_error("fraud_code", _("请选择弄虚作假的情形。"))
        if data.get("fraud_code") and not fraud:
            self.add_error("disqualify_person", _("选择了弄虚作假情形，请勾选由此产生的后果。"))
        return data


class ApproveForm(ActionForm):
    """Approval; for a case-by-case file (Nanning Art. 8) the leadership group decides the tier here."""

    tier = forms.ChoiceField(label=_("审定的人才类别（一事一议）"), choices=(), required=False)

    def __init__(self, *args, action, application, **kwargs):
        super().__init__(*args, action=action, **kwargs)
        if policy_for(application).is_case_by_case(application):
            self.fields["tier"].choices = [("", _("请选择"))] + Tier.choices
            self.fields["tier"].required = True
            self.fields["tier"].error_messages["required"] = _("请选择审定的人才类别。")
        else:
            del self.fields["tier"]


def console_action_form(action: str, application, data=None, *, prefix=None):
    """The console form of an action: what it asks depends on the action and the file's regulation.
    The staff page and the API validate with the same one."""
    if action == s.T_ACCEPT:
        return AcceptForm(data, prefix=prefix, application=application)
    if action == s.T_REVOKE:
        return RevokeForm(data, prefix=prefix, application=application)
    if action == s.T_REFUSE:
        return RefuseForm(data, prefix=prefix, application=application)
    if action == s.T_RETURN:
        return ReturnForm(data, prefix=prefix, application=application)
    if action in (s.T_APPROVE, s.T_APPROVE_FOR_NOTICE):
        return ApproveForm(data, prefix=prefix, action=action, application=application)
    return ActionForm(data, prefix=prefix, action=action)


class ConsultationAnswerForm(forms.Form):
    opinion = forms.ChoiceField(label=_("意见"), choices=OPINION_CHOICES, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("具体意见（不同意时必填）"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("opinion") == "disagree" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("不同意时必须说明理由。"))
        return data


class ObjectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("核实结论"),
        choices=[c for c in ObjectionDecision.choices if c[0] != ObjectionDecision.PENDING],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("核实情况及理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class AppealOpinionForm(forms.Form):
    opinion = forms.ChoiceField(
        label=_("复核意见"),
        choices=APPEAL_OPINIONS,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("具体意见"), required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("复核结论"),
        choices=[c for c in AppealStatus.choices if c[0] != AppealStatus.PENDING],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("复核答复"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class TierOneFilingForm(forms.ModelForm):
    class Meta:
        model = TierOneFiling
        fields = list(TierOneFiling.RECORDED_FIELDS)
        widgets = {
            "hrss_filed_on": forms.DateInput(attrs={"type": "date"}),
            "commerce_filed_on": forms.DateInput(attrs={"type": "date"}),
            "talent_card_issued_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        for day, ref in (("hrss_filed_on", "hrss_reference"), ("commerce_filed_on", "commerce_reference")):
            if data.get(day) and not data.get(ref):
                self.add_error(ref, _("请填写备案文号。"))
        if data.get("talent_card_issued_on") and not data.get("talent_card_number"):
            self.add_error("talent_card_number", _("请填写人才卡编号。"))
        return data


class ObjectionForm(forms.Form):
    name = forms.CharField(label=_("您的姓名"), max_length=120)
    contact = forms.CharField(label=_("联系方式（电话或电子邮箱）"), max_length=200)
    reason = forms.CharField(label=_("异议事由"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    evidence = forms.FileField(
        label=_("证明材料（可选，PDF、JPEG或PNG）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_evidence(self):
        uploaded = self.cleaned_data.get("evidence")
        if not uploaded:
            return None
        from applications.uploads import check_upload

        return check_upload(uploaded)


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("申请复核的事实与理由"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("请写明申请复核的理由。")},
    )
