from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from applications import states as s
from regulations import codes
from reviews.models import (
    APPEAL_OVERTURNED,
    APPEAL_UPHELD,
    DISMISSED,
    NANNING_REVOCATION_CODES,
    OPINION_CHOICES,
    REVOCATION_REASONS,
    UPHELD,
    TierOneFiling,
)
from reviews.services import REQUIRED_CONSULTED_DEPARTMENTS

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
        label=_("同时征求以下部门的意见（行政审批局、公安局必征）"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, action=s.T_ACCEPT, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(consultable=True, city="beihai").exclude(
            code__in=REQUIRED_CONSULTED_DEPARTMENTS
        )


class ReturnForm(ActionForm):
    """Return for correction tells everything to correct at once (行政许可法 Art. 32(4) 一次告知): the materials
    to send again and every other point, one per line. The reason the applicant reads is that numbered list."""

    materials = forms.MultipleChoiceField(
        label=_("需重新提交的材料"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, application, **kwargs):
        from regulations.models import MaterialType

        super().__init__(*args, action=s.T_RETURN, **kwargs)
        reason = self.fields.pop("reason")
        reason.required = False
        reason.label = _("其他需要补正的内容（每行一项）")
        reason.help_text = _("一次告知需要补正的全部内容；申请人补正后重新提交，受理决定期限重新计算。")
        self.fields = {"materials": self.fields.pop("materials"), "reason": reason, **self.fields}
        codes_wanted = application.required_material_codes()
        names = {m.code: m.name for m in MaterialType.objects.filter(code__in=codes_wanted)}
        self.fields["materials"].choices = [(code, names.get(code, code)) for code in codes_wanted]

    def clean(self):
        data = super().clean()
        labels = dict(self.fields["materials"].choices)
        items = [_("重新提交%(name)s") % {"name": labels[code]} for code in data.get("materials") or []]
        items += [line.strip() for line in (data.get("reason") or "").splitlines() if line.strip()]
        if not items:
            raise ValidationError(_("请列出需要补正的全部内容：勾选需重新提交的材料，或逐行写明其他需要补正的内容。"))
        data["reason"] = "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))
        return data


class RevokeForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("取消原因"), choices=())
    reason = forms.CharField(label=_("事实与理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    disqualify_person = forms.BooleanField(label=_("申请人弄虚作假：永久取消其认定资格"), required=False, initial=True)
    employer_credit_record = forms.BooleanField(label=_("用人单位弄虚作假：记入诚信档案"), required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = s.T_REVOKE
        self.fields["reason"].error_messages["required"] = _("必须填写理由。")
        labels = dict(REVOCATION_REASONS)
        if application.is_beihai:
            allowed = [codes.REVOCATION_BEIHAI_FRAUD]
        else:
            allowed = NANNING_REVOCATION_CODES
            del self.fields["disqualify_person"]
            del self.fields["employer_credit_record"]
        self.fields["reason_code"].choices = [(c, labels[c]) for c in allowed]

    def clean(self):
        data = super().clean()
        if "disqualify_person" in self.fields and not (
            data.get("disqualify_person") or data.get("employer_credit_record")
        ):
            raise ValidationError(_("请至少选择一项：申请人弄虚作假或用人单位弄虚作假。"))
        return data


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
        choices=[(DISMISSED, _("异议不成立（不影响认定结果）")), (UPHELD, _("异议成立（不予认定）"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("核实情况及理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class AppealOpinionForm(forms.Form):
    opinion = forms.ChoiceField(
        label=_("复核意见"),
        choices=[(APPEAL_UPHELD, _("维持原结果")), (APPEAL_OVERTURNED, _("撤销原结果"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("具体意见"), required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("复核结论"),
        choices=[(APPEAL_UPHELD, _("维持原结果")), (APPEAL_OVERTURNED, _("撤销原结果，予以认定"))],
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
