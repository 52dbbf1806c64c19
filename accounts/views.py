from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles, services
from accounts.forms import AcceptInvitationForm, EmployerRegistrationForm, InvitationForm, TalentRegistrationForm
from regulations.codes import BEIHAI, NANNING
from regulations.policies import policy_for

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _form_page(request, form, *, title, submit_label, intro=""):
    return render(
        request,
        "accounts/_form_page.html",
        {"form": form, "title": title, "submit_label": submit_label, "intro": intro},
    )


def register_employer(request):
    form = EmployerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.employer_register(
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
            login(request, user, backend=BACKEND)
            messages.success(request, _("单位账户已创建。我们已向您的邮箱发送验证链接。"))
            return redirect("applications:dashboard")
    return _form_page(
        request,
        form,
        title=_("用人单位注册"),
        submit_label=_("注册"),
        intro=_("注册后可为外籍员工申请北海市认定，或审核推荐本单位人才的南宁片区认定申请。"),
    )


def register_talent(request):
    form = TalentRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.talent_register(
            email=data["email"], full_name=data["full_name"], phone=data["phone"], password=data["password1"]
        )
        login(request, user, backend=BACKEND)
        messages.success(request, _("账户已创建。我们已向您的邮箱发送验证链接。"))
        return redirect("applications:dashboard")
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


@login_required
@require_POST
def resend_verification(request):
    if request.user.email_verified_at is None:
        services.email_verification_send(user=request.user)
        messages.success(request, _("验证邮件已重新发送。"))
    return redirect("applications:dashboard")


@login_required
def invite(request):
    user = request.user
    if not (user.organisation_id and user.has_role(roles.EMPLOYER)):
        raise Http404
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(organisation=user.organisation, email=form.cleaned_data["email"], by=user)
        except ValidationError as error:
            form.add_error("email", error)
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
