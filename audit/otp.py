"""The second factor for staff: every /staff/ page, and every file staff open anywhere (materials, forms,
certificates), needs a TOTP device confirmed in this session when STAFF_REQUIRE_OTP is on.

Built from django-otp's own pieces: TOTPDevice, OTPTokenForm, django_otp.login.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.forms import OTPAuthenticationFormMixin, OTPTokenForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from applications import access

STAFF_PREFIX = "/staff/"


def _required() -> bool:
    return bool(getattr(settings, "STAFF_REQUIRE_OTP", False))


def second_factor_url(next_path: str) -> str:
    return f"{reverse('audit:second_factor')}?{urlencode({'next': next_path})}"


class StaffSecondFactorMiddleware:
    """Sends staff without a verified device to the second-factor page (after django_otp's OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            _required()
            and request.path.startswith(STAFF_PREFIX)
            and request.path != reverse("audit:second_factor")
            and access.is_staff_user(request.user)
            and access.staff_verification_missing(request)
        ):
            return redirect(second_factor_url(request.get_full_path()))
        return self.get_response(request)

    def process_exception(self, request, exception):
        # A material, form or certificate opened as staff outside /staff/ (applications.access raises it).
        if isinstance(exception, access.StaffVerificationRequired):
            return redirect(second_factor_url(request.get_full_path()))
        return None


TOKEN_MESSAGES = {
    "token_required": gettext_lazy("请输入验证器应用显示的6位动态验证码。"),
    "invalid_token": gettext_lazy("动态验证码不正确或已过期，请重新输入。"),
    "device_required": gettext_lazy("请选择验证设备。"),
    "throttled": gettext_lazy("验证码输错次数过多，请稍等片刻再试。"),
}


class TokenForm(OTPTokenForm):
    """django-otp's form, in the user's language."""

    otp_error_messages = dict(
        OTPAuthenticationFormMixin.otp_error_messages,
        **TOKEN_MESSAGES,
        n_failed_attempts=TOKEN_MESSAGES["throttled"],
        verification_not_allowed=TOKEN_MESSAGES["throttled"],
    )

    def __init__(self, user, request=None, *args, **kwargs):
        super().__init__(user, request, *args, **kwargs)
        self.fields["otp_device"].label = _("验证设备")
        self.fields["otp_token"].label = _("动态验证码")
        self.fields["otp_token"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})
        self.fields["otp_challenge"].widget = forms.HiddenInput()
        devices = self.fields["otp_device"].choices[1:]
        if len(devices) == 1:
            self.fields["otp_device"].initial = devices[0][0]


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("动态验证码"),
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": TOKEN_MESSAGES["token_required"]},
    )


def _qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("reviews:queue")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return reverse("reviews:queue")
    return target


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Enter a code from a confirmed device, or set one up (scan the QR code, confirm with a first code)."""
    user = request.user
    if not access.is_staff_user(user):
        raise PermissionDenied
    next_url = _next(request)
    if user.is_verified():
        return redirect(next_url)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if confirmed:
        form = TokenForm(user, request, data=request.POST or None)
        if request.method == "POST" and form.is_valid():
            otp_login(request, user.otp_device)
            messages.success(request, _("身份已验证。"))
            return redirect(next_url)
        context = {"form": form, "setup": False}
    else:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=_("人才认定服务平台"), confirmed=False)
        form = ConfirmDeviceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            allowed, _extra = device.verify_is_allowed()
            if not allowed:
                form.add_error("token", TOKEN_MESSAGES["throttled"])
            elif device.verify_token(form.cleaned_data["token"].strip()):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                messages.success(request, _("验证器已绑定，身份已验证。"))
                return redirect(next_url)
            else:
                form.add_error("token", TOKEN_MESSAGES["invalid_token"])
        context = {
            "form": form,
            "setup": True,
            "qr": _qr_svg(device.config_url),
            "secret": _base32(device.bin_key),
        }
    context["next"] = next_url
    status = 400 if request.method == "POST" else 200
    return render(request, "audit/second_factor.html", context, status=status)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
