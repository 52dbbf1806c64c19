from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import roles, services
from accounts.forms import (
    AcceptInvitationForm,
    EmployerRegistrationForm,
    InvitationForm,
    LicenceUploadForm,
    PasswordResetForm,
    ResendVerificationForm,
    TalentRegistrationForm,
)
from accounts.models import OrganisationLicence
from applications import access
from hardening.clientip import client_ip
from hardening.throttle import Throttled, throttle_hit
from regulations.codes import BEIHAI, NANNING
from regulations.policies import policy_for

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _form_page(request, form, *, title, submit_label, intro=""):
    return render(
        request,
        "accounts/_form_page.html",
        {"form": form, "title": title, "submit_label": submit_label, "intro": intro},
    )


def _registration_throttled(request, form) -> bool:
    try:
        throttle_hit(scope="registration-ip", key=client_ip(request))
        throttle_hit(scope="registration-email", key=form.cleaned_data["email"])
    except Throttled as refusal:
        form.add_error(None, refusal.message)
        return True
    return False


def _registration_done(request, registration):
    """The same answer whether or not the address already had an account."""
    if registration.delivery.failed:
        messages.warning(request, MAIL_FAILED)
    return redirect("accounts:registration_sent")


MAIL_FAILED = gettext_lazy(
    "邮件暂时无法发送。您的注册信息已保存；请几分钟后在“重新发送验证邮件”页面输入邮箱，重新发送。"
)


def registration_sent(request):
    return render(request, "accounts/registration_sent.html")


def register_employer(request):
    form = EmployerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _registration_throttled(request, form):
        data = form.cleaned_data
        try:
            registration = services.employer_register(
                organisation_name=data["organisation_name"],
                credit_code=data["credit_code"],
                address=data["address"],
                in_beihai=data["in_beihai"],
                in_nanning_ftz=data["in_nanning_ftz"],
                contact_person=data["contact_person"],
                contact_phone=data["contact_phone"],
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _registration_done(request, registration)
    return _form_page(
        request,
        form,
        title=_("用人单位注册"),
        submit_label=_("注册"),
        intro=_("注册后可为外籍员工申请北海市认定，或审核推荐本单位人才的南宁片区认定申请。"),
    )


def register_talent(request):
    form = TalentRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _registration_throttled(request, form):
        data = form.cleaned_data
        registration = services.talent_register(
            email=data["email"], full_name=data["full_name"], phone=data["phone"], password=data["password1"]
        )
        return _registration_done(request, registration)
    return _form_page(
        request,
        form,
        title=_("人才注册"),
        submit_label=_("注册"),
        intro=_("申请%(nanning)s，或下载单位为您申请的%(beihai)s认定书。")
        % {"nanning": policy_for(NANNING).name, "beihai": policy_for(BEIHAI).name},
    )


def verify_email(request, token):
    try:
        user = services.email_verify(token=token)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("home")
    messages.success(request, _("电子邮箱 %(email)s 已验证。") % {"email": user.email})
    return redirect("applications:dashboard" if request.user.is_authenticated else "accounts:login")


def resend_verification(request):
    """Anyone may ask for a new link by address (new accounts cannot sign in before verifying)."""
    signed_in = request.user.is_authenticated
    data = request.POST if request.method == "POST" else None
    if signed_in and data is not None:
        data = {"email": request.user.email}
    form = ResendVerificationForm(data, initial={"email": request.user.email if signed_in else ""})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            if not signed_in:
                throttle_hit(scope="registration-ip", key=client_ip(request))
            throttle_hit(scope="verification-resend", key=email)
        except Throttled as refusal:
            form.add_error(None, refusal.message)
        else:
            delivery = services.email_verification_resend(email=email)
            if delivery is not None and delivery.failed:
                messages.warning(request, MAIL_FAILED)
            else:
                messages.success(request, _("如果该邮箱的账户尚待验证，我们已重新发送验证邮件。"))
            return redirect("applications:dashboard" if signed_in else "accounts:registration_sent")
    return _form_page(
        request, form, title=_("重新发送验证邮件"), submit_label=_("发送"), intro=_("请输入注册时使用的电子邮箱。")
    )


@login_required
def invite(request):
    user = request.user
    if not (user.organisation_id and user.has_role(roles.EMPLOYER)):
        raise Http404
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            throttle_hit(scope="invitation-user", key=user.pk)
            throttle_hit(scope="invitation-email", key=form.cleaned_data["email"])
            _invitation, delivery = services.invitation_create(
                organisation=user.organisation, email=form.cleaned_data["email"], by=user
            )
        except Throttled as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            if delivery.failed:
                messages.warning(request, _("邀请已保存，但邮件暂时无法发送。请几分钟后在本页再次邀请。"))
            else:
                messages.success(request, _("邀请已发送至 %(email)s。") % {"email": form.cleaned_data["email"]})
            return redirect("accounts:invite")
    return render(
        request,
        "accounts/invite.html",
        {
            "form": form,
            "invitations": user.organisation.invitations.all()[:50],
            "colleagues": user.organisation.users.all(),
            "now": timezone.now(),
        },
    )


@login_required
def organisation_licence(request):
    """The employer puts its business licence on file (or replaces it) for staff to check."""
    user = request.user
    if not (user.organisation_id and access.can_upload_licence(user, user.organisation)):
        raise Http404
    organisation = user.organisation
    form = LicenceUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_licence_upload(organisation=organisation, uploaded=form.cleaned_data["file"], by=user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("营业执照已上传。") if organisation.is_verified else _("营业执照已上传，请等待工作人员核验。"),
            )
            return redirect("accounts:organisation_licence")
    return render(
        request,
        "accounts/organisation_licence.html",
        {
            "form": form,
            "organisation": organisation,
            "licence": organisation.current_licence(),
            "earlier": organisation.licences.filter(is_current=False)[:10],
        },
    )


@login_required
def organisation_licence_download(request, pk):
    """The licence file: to the organisation's employer users, and to the staff who check organisations
    (that read is written to the access log, behind the second factor like every staff read)."""
    from applications.uploads import stored_file_response
    from audit.models import AccessAction

    licence = get_object_or_404(OrganisationLicence.objects.select_related("organisation"), pk=pk)
    if not access.can_upload_licence(request.user, licence.organisation):
        if not access.can_check_licence(request.user, licence.organisation):
            raise Http404
        access.staff_read(request, licence, action=AccessAction.LICENCE)
    return stored_file_response(
        licence.file,
        original_name=licence.original_name,
        content_type=licence.content_type,
        inline=request.GET.get("inline") == "1",
    )


def accept_invitation(request, token):
    invitation = services.invitation_open(token=token)
    if invitation is None:
        raise Http404
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data["phone"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("欢迎加入“%(org)s”。") % {"org": invitation.organisation.name})
            return redirect("applications:dashboard")
    return _form_page(
        request,
        form,
        title=_("加入单位账户"),
        submit_label=_("设置密码并加入"),
        intro=_("您受邀以 %(email)s 加入“%(org)s”。")
        % {"email": invitation.email, "org": invitation.organisation.name},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, limited per address of the requester (per e-mail address inside the form)."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        try:
            throttle_hit(scope="password-reset-ip", key=client_ip(self.request))
        except Throttled as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
