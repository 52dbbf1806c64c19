"""Public verification, private downloads, the printable forms and the child-enrolment form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from applications import access
from applications import states as s
from applications.models import Application
from certificates import documents, selectors
from certificates.form_cache import cached_application_form_pdf
from certificates.forms import ChildEnrolmentForm, EnrolmentChildFormSet, initial_from_application
from certificates.models import Certificate
from certificates.services import child_enrolment_save


@require_GET
@never_cache
def verify(request, token):
    certificate = selectors.certificate_by_token(token)
    if certificate is None:
        return render(request, "certificates/verify.html", {"found": False}, status=404)
    status = selectors.certificate_status(certificate)
    context = {
        "found": True,
        "certificate": certificate,
        "status": status,
        "status_label": selectors.STATUS_LABELS[status],
        "badge": selectors.STATUS_BADGES[status],
        "masked_document": selectors.mask_document_number(certificate.document_number),
    }
    response = render(request, "certificates/verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _stream(certificate: Certificate) -> HttpResponse:
    if selectors.certificate_status(certificate) == selectors.REVOKED:
        # Never hand out a clean copy of a revoked certificate: every page says it is revoked.
        return _pdf_response(
            documents.certificate_pdf(certificate, revoked=True),
            f"{certificate.number}-v{certificate.version}-revoked.pdf",
        )
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False)
    response["Content-Disposition"] = f'inline; filename="{certificate.number}-v{certificate.version}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def download(request, pk):
    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None:
        raise Http404
    access.application_for(request, certificate.application_id, purpose=access.CERTIFICATE, obj=certificate)
    return _stream(certificate)


@login_required
@require_GET
def download_for_application(request, pk):
    application = Application.objects.filter(pk=pk).first()
    certificate = selectors.current_certificate(application) if application is not None else None
    if certificate is None:
        raise Http404
    access.application_for(request, pk, purpose=access.CERTIFICATE, obj=certificate)
    return _stream(certificate)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def application_form_pdf(request, pk):
    application = access.application_for(request, pk, purpose=access.FORM)
    staff_copy = access.staff_capacity(request.user, application)
    content = cached_application_form_pdf(
        application,
        lambda app: documents.application_form_pdf(app, staff_copy=staff_copy),
        variant="staff" if staff_copy else "applicant",
    )
    return _pdf_response(content, f"{application.reference}-form.pdf")


@login_required
@require_GET
def receipt_pdf(request, pk):
    """The receipt (回执) of a submission, for whoever may see the application's documents."""
    from applications.models import Receipt

    receipt = Receipt.objects.filter(pk=pk).first()
    if receipt is None:
        raise Http404
    receipt.application = access.application_for(request, receipt.application_id, purpose=access.FORM, obj=receipt)
    return _pdf_response(documents.receipt_pdf(receipt), f"{receipt.number}.pdf")


def _may_request_child_enrolment(user, application) -> bool:
    """Where the regulation has it (Beihai 附件3): the certified talent's employer (or the talent) files it."""
    return (
        application.policy.child_enrolment and application.state == s.CERTIFIED and access.is_owner(user, application)
    )


@login_required
def child_enrolment(request, pk):
    application = access.application_for(request, pk, purpose=access.OWN)
    if not _may_request_child_enrolment(request.user, application):
        raise Http404
    enrolment = application.child_enrolment_requests.order_by("-created_at").first()
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST":
        form = ChildEnrolmentForm(request.POST, instance=enrolment)
        formset = EnrolmentChildFormSet(request.POST, prefix="children")
        if form.is_valid() and formset.is_valid():
            children = [row for row in formset.cleaned_data if row and not row.get("DELETE")]
            for row in children:
                row.pop("DELETE", None)
            enrolment = child_enrolment_save(
                application=application,
                by=request.user,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
                children=children,
                request=enrolment,
            )
            messages.success(request, _("子女入学申请已保存，可以打印申请表。"))
            if back:
                return redirect(back)  # back to the online request the form belongs to
            return redirect("certificates:child_enrolment", pk=application.pk)
    else:
        form = ChildEnrolmentForm(instance=enrolment, initial=initial_from_application(application))
        rows = [
            {
                "name": child.name,
                "sex": child.sex,
                "birth_month": child.birth_month,
                "previous_school": child.previous_school,
                "requested_school": child.requested_school,
            }
            for child in (enrolment.children.all() if enrolment else [])
        ]
        formset = EnrolmentChildFormSet(initial=rows, prefix="children")
    context = {"application": application, "form": form, "formset": formset, "enrolment": enrolment, "back": back}
    return render(request, "certificates/child_enrolment.html", context)


@login_required
@require_GET
def child_enrolment_pdf(request, pk):
    application = access.application_for(request, pk, purpose=access.FORM)
    enrolment = application.child_enrolment_requests.order_by("-created_at").first()
    if enrolment is None:
        raise Http404
    return _pdf_response(documents.child_enrolment_pdf(enrolment), f"{application.reference}-child-enrolment.pdf")
