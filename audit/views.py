"""The auditor's console: the PIPL access log, filtered, and its CSV export."""

import csv
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from applications import access
from audit import selectors, services
from audit.forms import LogFilterForm
from audit.models import AccessAction

PAGE_SIZE = 100


def auditor_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not access.can_read_access_log(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@auditor_required
@require_GET
def access_log(request):
    form = LogFilterForm(request.GET or None)
    records = selectors.access_records(form.filters())
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "grants": selectors.role_grants(),
    }
    return render(request, "audit/access_log.html", context, status=400 if form.errors else 200)


def _cell(value) -> str:
    """A value a spreadsheet shows as text, never runs as a formula (names and file names are typed by users)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


@auditor_required
@require_GET
def access_log_export(request):
    form = LogFilterForm(request.GET or None)
    if form.errors:
        return render(request, "audit/access_log.html", {"form": form, "page": None, "grants": []}, status=400)
    records = selectors.access_records(form.filters())
    services.access_record(user=request.user, action=AccessAction.EXPORT, obj=None, request=request)
    labels = dict(AccessAction.choices)
    header = [
        _("时间"),
        _("访问人邮箱"),
        _("访问人角色"),
        _("操作"),
        _("对象"),
        _("申请编号"),
        _("IP地址"),
        _("访问地址"),
    ]

    def rows():
        writer = csv.writer(_Echo())
        yield "\ufeff"  # spreadsheet programs read the file as UTF-8
        yield writer.writerow(header)
        for record in records.iterator():
            values = [
                timezone.localtime(record.at).isoformat(timespec="seconds"),
                record.user_email,
                record.user_roles,
                labels.get(record.action, record.action),
                record.object_repr,
                record.application_reference,
                record.ip or "",
                record.path,
            ]
            yield writer.writerow([_cell(value) for value in values])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
