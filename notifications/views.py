"""The in-app list: every notification of the signed-in user, newest first; mark read; mail language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import selectors, services
from notifications.models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    items = [(n, n.text()) for n in page]
    return render(
        request,
        "notifications/list.html",
        {"page": page, "items": items, "mail_languages": settings.LANGUAGES},
    )


@login_required
@require_POST
def notification_open(request, pk):
    """Mark read and go to what it is about (a local path only)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=notification, by=request.user)
    target = notification.link.removeprefix(settings.SITE_URL)
    if notification.application_id:
        target = services.application_path(notification.application, request.user)
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notifications:list")
    return redirect(target)


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=notification, by=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notifications_mark_all_read(by=request.user)
    messages.success(request, _("已将%(count)d条消息标为已读。") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_POST
def mail_language(request):
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("请选择语言。"))
    else:
        services.preferred_language_set(user=request.user, language=language)
        messages.success(request, _("今后的邮件将使用所选语言发送。"))
    return redirect("notifications:list")
