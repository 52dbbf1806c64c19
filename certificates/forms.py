"""The child-enrolment form (Beihai 附件3): parent data prefilled from the application, children rows typed in."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from certificates.models import ChildEnrolmentRequest, EnrolmentChild


class ChildEnrolmentForm(forms.ModelForm):
    class Meta:
        model = ChildEnrolmentRequest
        fields = [
            "parent_name",
            "parent_sex",
            "parent_passport",
            "employer_name",
            "position",
            "phone",
            "handler_phone",
            "employer_address",
            "home_address",
        ]


def initial_from_application(application) -> dict:
    return {
        "parent_name": application.full_name,
        "parent_sex": application.sex,
        "parent_passport": application.document_number,
        "employer_name": application.organisation.name,
        "position": application.position,
        "phone": application.phone,
        "handler_phone": application.unit_contact_phone or application.organisation.contact_phone,
        "employer_address": application.employer_address or application.organisation.address,
    }


class EnrolmentChildForm(forms.Form):
    name = forms.CharField(label=_("子女姓名"), max_length=120)
    # A blank first choice: a browser submits the first option of a select, and an untouched spare row with
    # 男 preselected would count as filled in and fail with "required" on every other field.
    sex = forms.ChoiceField(label=_("性别"), choices=[("", "—"), *EnrolmentChild._meta.get_field("sex").choices])
    birth_month = forms.DateField(
        label=_("出生年月"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("格式：2015-09"),
    )
    previous_school = forms.CharField(label=_("原就读学校及年级"), max_length=200, required=False)
    requested_school = forms.CharField(label=_("申请就读学校及年级"), max_length=200)


class BaseChildFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        if not filled:
            raise forms.ValidationError(_("请至少填写一名子女的信息。"))


EnrolmentChildFormSet = formset_factory(
    EnrolmentChildForm, formset=BaseChildFormSet, extra=2, max_num=6, validate_max=True, can_delete=True
)
