from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.template import loader
from django.utils.translation import gettext_lazy as _

from accounts.credit_code import normalise_credit_code, validate_credit_code
from accounts.models import Organisation, User


class PasswordPairMixin:
    """Two password fields, checked against the project's password validators."""

    def clean(self):
        data = super().clean()
        password, repeat = data.get("password1"), data.get("password2")
        if password and repeat and password != repeat:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif password:
            probe = User(email=data.get("email") or "", full_name=data.get("full_name") or "")
            try:
                validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def _password_fields():
    return (
        forms.CharField(label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})),
        forms.CharField(label=_("再次输入密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})),
    )


class NewEmailMixin:
    """Registration never says whether an address is taken (accounts.services explains)."""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class EmployerRegistrationForm(PasswordPairMixin, NewEmailMixin, forms.Form):
    organisation_name = forms.CharField(label=_("单位名称"), max_length=200)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        help_text=_("18位，见营业执照或事业单位法人证书。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    address = forms.CharField(label=_("单位地址"), max_length=300)
    in_beihai = forms.BooleanField(label=_("单位位于北海市"), required=False)
    in_nanning_ftz = forms.BooleanField(label=_("单位在中国（广西）自由贸易试验区南宁片区注册"), required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=100)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40)
    full_name = forms.CharField(label=_("您的姓名"), max_length=120)
    email = forms.EmailField(label=_("电子邮箱（登录账号）"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1, password2 = _password_fields()

    def clean_credit_code(self):
        code = normalise_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        if Organisation.objects.filter(credit_code=code).exists():
            raise forms.ValidationError(_("该单位已注册。请联系本单位已注册的同事在平台上邀请您加入。"))
        return code


class TalentRegistrationForm(PasswordPairMixin, NewEmailMixin, forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=120)
    email = forms.EmailField(label=_("电子邮箱（登录账号）"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    password1, password2 = _password_fields()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("同事的电子邮箱"))


class AcceptInvitationForm(PasswordPairMixin, forms.Form):
    full_name = forms.CharField(label=_("您的姓名"), max_length=120)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    password1, password2 = _password_fields()


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Limited per address, silently (the page must look the same for unknown addresses); mail outages
    are logged, not shown as an error page."""

    def get_users(self, email):
        from hardening.throttle import Throttled, throttle_hit

        try:
            throttle_hit(scope="password-reset-email", key=email)
        except Throttled:
            return iter(())
        return super().get_users(email)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from accounts.mail import mail_deliver

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_deliver(subject=subject, body=body, to=[to_email])


class LicenceUploadForm(forms.Form):
    """The business licence file; what it is and how large it may be is checked by applications.uploads."""

    file = forms.FileField(
        label=_("营业执照文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        error_messages={"required": _("请选择营业执照文件。"), "empty": _("所选文件是空文件。")},
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "营业执照（或法人证书）的扫描件或照片：PDF、JPEG或PNG文件，不超过%(limit)s。"
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
