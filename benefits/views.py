"""The employer's report that a recognised talent's employment in the zone ended (Nanning Art. 11 ¶2)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from applications.models import Application
from applications.selectors import can_view_application
from applications.services import PortalRefused
from applications.views import portal_login_required
from benefits import services
from benefits.forms import EmploymentEndForm
from benefits.selectors import employment_end_for


@portal_login_required
def employment_end(request, pk):
    application = get_object_or_404(Application.objects.select_related("organisation", "talent"), pk=pk)
    if not can_view_application(request.user, application):
        raise Http404
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
