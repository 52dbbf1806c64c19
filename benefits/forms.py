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
