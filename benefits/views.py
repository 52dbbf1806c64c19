"""The employer's report that a recognised talent's employment in the zone ended (Nanning Art. 11 ¶2)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import access
from applications.services import PortalRefused
from applications.uploads import stored_file_response
from applications.views import portal_login_required
from benefits import permissions as perms
from benefits import selectors, services
from benefits import states as rs
from benefits.forms import EmploymentEndForm, MaterialUploadForm, OtherPolicyForm, ReasonForm
from benefits.models import ServiceMaterial, ServiceRequest
from benefits.selectors import employment_end_for
from regulations.models import Benefit
from reviews.views import staff_required


@portal_login_required
def employment_end(request, pk):
    application = access.application_for(request, pk, purpose=access.OWN)
    if not services.may_report_employment_end(request.user, application) or employment_end_for(application):
        return redirect("applications:detail", application.pk)
    form = EmploymentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_end_report(
                application=application,
                reason=form.cleaned_data["reason"],
                effective_on=form.cleaned_data["effective_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except PortalRefused as refusal:
            for line in refusal.messages:
                form.add_error(None, line)
        else:
            messages.success(request, _("已报告。该人才自发生之日起不再享受相关人才待遇，管理部门已收到通知。"))
            return redirect("applications:detail", application.pk)
    return render(request, "benefits/employment_end.html", {"application": application, "form": form})


# ---- service requests ----


def _request_for(request, pk) -> ServiceRequest:
    """The service request, or 404 to anyone who is neither its requesting side nor its reviewer."""
    service_request = get_object_or_404(
        ServiceRequest.objects.select_related("application", "application__organisation", "benefit"), pk=pk
    )
    if not selectors.service_request_visible(service_request, request.user):
        raise Http404
    return service_request


@portal_login_required
@require_POST
def request_start(request, pk, benefit_code):
    application = access.application_for(request, pk, purpose=access.OWN)
    benefit = get_object_or_404(Benefit, regulation__code=application.regulation_code, code=benefit_code)
    try:
        service_request = services.service_request_start(application=application, benefit=benefit, by=request.user)
    except services.ServiceRefused as refusal:
        for line in refusal.messages:
            messages.error(request, line)
        return redirect("applications:detail", application.pk)
    return redirect("benefits:request", service_request.pk)


def _request_context(service_request, user, **extra) -> dict:
    required = list(service_request.benefit.request_materials.all())
    current = {m.material_code: m for m in service_request.materials.filter(is_current=True)}
    context = {
        "service_request": service_request,
        "application": service_request.application,
        "materials": [{"type": m, "file": current.get(m.code)} for m in required],
        "log": service_request.log.select_related("by"),
        "may_edit": service_request.is_editable and perms.requester_side(service_request, user),
        "may_withdraw": service_request.state in rs.OPEN and perms.requester_side(service_request, user),
        "window": service_request.benefit.window_for(service_request.year),
        "child_enrolment": service_request.child_enrolment
        or service_request.application.child_enrolment_requests.order_by("-created_at").first(),
        "policy_form": OtherPolicyForm(initial={"other_policy": service_request.other_policy}),
        "reason_form": ReasonForm(),
    }
    context.update(extra)
    return context


@portal_login_required
def request_detail(request, pk):
    service_request = _request_for(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "upload":
                form = MaterialUploadForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise services.ServiceRefused(_("请选择要上传的文件。"), code="invalid")
                services.service_material_upload(
                    request=service_request,
                    material_code=form.cleaned_data["material_code"],
                    uploaded=form.cleaned_data["file"],
                    by=request.user,
                )
                messages.success(request, _("材料已上传。"))
            elif action == "save":
                form = OtherPolicyForm(request.POST)
                if form.is_valid():
                    services.service_request_update(
                        request=service_request, other_policy=form.cleaned_data["other_policy"], by=request.user
                    )
                    messages.success(request, _("已保存。"))
            elif action in (rs.T_SUBMIT, rs.T_WITHDRAW):
                form = OtherPolicyForm(request.POST)
                if action == rs.T_SUBMIT and form.is_valid() and service_request.is_editable:
                    services.service_request_update(
                        request=service_request, other_policy=form.cleaned_data["other_policy"], by=request.user
                    )
                services.service_request_transition(
                    request=service_request, transition=action, by=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("已提交，等待审核。") if action == rs.T_SUBMIT else _("申请已撤回。"))
            else:
                raise services.ServiceRefused(_("未知的操作。"), code="unknown")
        except ValidationError as error:
            for line in error.messages:
                messages.error(request, line)
        except services.ServiceRefused as refusal:
            for line in refusal.messages:
                messages.error(request, line)
        return redirect("benefits:request", service_request.pk)
    return render(request, "benefits/request.html", _request_context(service_request, request.user))


@portal_login_required
def request_material(request, pk):
    material = get_object_or_404(ServiceMaterial.objects.select_related("request", "request__benefit"), pk=pk)
    if not selectors.service_request_visible(material.request, request.user):
        raise Http404
    if not perms.requester_side(material.request, request.user):
        access.staff_read(request, material, action=access.MATERIAL)
    return stored_file_response(material.file, original_name=material.original_name, content_type=material.content_type)


@portal_login_required
def request_stamped_pdf(request, pk):
    service_request = _request_for(request, pk)
    if not service_request.stamped_pdf:
        raise Http404
    if not perms.requester_side(service_request, request.user):
        access.staff_read(request, service_request, action=access.FORM)
    return stored_file_response(
        service_request.stamped_pdf, original_name=f"{service_request.reference}.pdf", content_type="application/pdf"
    )


@staff_required
def staff_requests(request):
    state = request.GET.get("state", "")
    state = state if state in rs.STATE_LABELS else ""
    page = Paginator(selectors.service_requests_for_reviewer(request.user, state=state), 50).get_page(
        request.GET.get("page")
    )
    rows = [(r, selectors.forward_overdue(r)) for r in page]
    context = {"page": page, "rows": rows, "state": state, "states": rs.STATE_CHOICES}
    return render(request, "benefits/staff_requests.html", context)


@staff_required
def staff_request(request, pk):
    service_request = _request_for(request, pk)
    if not perms.reviewer(service_request, request.user):
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = ReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            if action not in rs.STAFF_TRANSITIONS:
                raise services.ServiceRefused(_("未知的操作。"), code="unknown")
            services.service_request_transition(
                request=service_request, transition=action, by=request.user, reason=reason
            )
        except services.ServiceRefused as refusal:
            for line in refusal.messages:
                messages.error(request, line)
            context = _request_context(service_request, request.user, reason_form=form, staff=True)
            context["forward_overdue"] = selectors.forward_overdue(service_request)
            return render(request, "benefits/staff_request.html", context, status=400)
        messages.success(request, _("已处理：%(action)s。") % {"action": rs.TRANSITION_LABELS[action]})
        return redirect("benefits:staff_request", service_request.pk)
    access.staff_read(request, service_request, action=access.VIEW)
    context = _request_context(service_request, request.user, staff=True)
    context["forward_overdue"] = selectors.forward_overdue(service_request)
    return render(request, "benefits/staff_request.html", context)
