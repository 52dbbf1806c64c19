from django import forms
from django.utils.translation import gettext_lazy as _

from benefits.models import EmploymentEnd


class EmploymentEndForm(forms.Form):
    reason = forms.ChoiceField(label=_("情形"), choices=EmploymentEnd.Reason.choices, widget=forms.RadioSelect)
    effective_on = forms.DateField(label=_("发生日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("说明（选填）"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("我确认以上情况属实，并知悉报告后该人才自发生之日起不再享受相关人才待遇。"), required=True
    )


class OtherPolicyForm(forms.Form):
    other_policy = forms.CharField(
        label=_("已享受的同类待遇（选填）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("按“就高不重复”原则：如已按其他政策享受同类待遇，请写明政策和金额（办法第十三条）。"),
    )


class MaterialUploadForm(forms.Form):
    material_code = forms.SlugField(widget=forms.HiddenInput, max_length=60)
    file = forms.FileField(label=_("选择文件"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
