from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import AccessAction
from audit.selectors import LogFilters


class LogFilterForm(forms.Form):
    user = forms.CharField(label=_("访问人邮箱"), required=False, max_length=254)
    reference = forms.CharField(label=_("申请编号"), required=False, max_length=40)
    action = forms.ChoiceField(label=_("操作"), required=False, choices=[("", _("全部"))] + AccessAction.choices)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return data

    def filters(self) -> LogFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return LogFilters(
            user=(data.get("user") or "").strip(),
            reference=(data.get("reference") or "").strip(),
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
