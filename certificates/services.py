"""Issuing certificates: the transition, a gap-free number, validity, the PDF rendered once and stored privately."""

import datetime
import hashlib
import logging
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused, application_transition
from certificates import documents
from certificates.models import Certificate, CertificateCounter, ChildEnrolmentRequest, EnrolmentChild
from regulations.policies import ValidityRefused, policy_for, policy_or_none

logger = logging.getLogger(__name__)


class CertificateRefused(TransitionRefused):
    """A certificate cannot be issued or reissued; `message` is translated and safe to show."""


def allocate_serial(*, regulation_code: str, year: int) -> int:
    """The next serial for the regulation and year. Call inside a transaction: the counter row stays locked
    until it commits, so concurrent issuers queue and a rolled-back issue gives its number back (no gaps)."""
    try:
        counter = CertificateCounter.objects.select_for_update().get(regulation_code=regulation_code, year=year)
    except CertificateCounter.DoesNotExist:
        try:
            with transaction.atomic():
                counter = CertificateCounter.objects.create(regulation_code=regulation_code, year=year)
        except IntegrityError:
            # Another issuer created this year's row first; wait for its lock like everyone else.
            counter = CertificateCounter.objects.select_for_update().get(regulation_code=regulation_code, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


def format_number(*, regulation_code: str, year: int, serial: int) -> str:
    policy = policy_or_none(regulation_code)
    return f"{policy.reference_prefix if policy else 'TP'}-{year}-{serial:05d}"


def recognised_on(application: Application) -> datetime.date | None:
    log = application.transition_logs.filter(to_state=s.RECOGNISED).order_by("-at", "-id").first()
    return timezone.localdate(log.at) if log else None


def compute_validity(application: Application, *, issued_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The regulation's rule (its policy), from the version's data: Beihai Art. 3 the permit's term;
    Nanning Art. 11 the tier's years from recognition."""
    policy = policy_or_none(application)
    if policy is None:
        raise CertificateRefused(_("未知的认定办法。"), code="unknown_regulation")
    try:
        return policy.validity_period(application, issued_on=issued_on, recognised_on=recognised_on(application))
    except ValidityRefused as refusal:
        raise CertificateRefused(refusal.message, code=refusal.code) from None


def _store_pdf(certificate: Certificate) -> None:
    content = documents.certificate_pdf(certificate)
    certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
    certificate.pdf_size = len(content)
    name = f"{certificate.number}-v{certificate.version}-{secrets.token_hex(8)}.pdf"
    certificate.pdf.save(name, ContentFile(content), save=False)


def _new_certificate(*, application: Application, by, number_parts: dict, version: int, supersedes=None, reason=""):
    today = timezone.localdate()
    valid_from, valid_until = compute_validity(application, issued_on=today)
    if supersedes is not None:
        # A correction does not restart the recognition; the end follows a renewed permit (Beihai).
        valid_from = supersedes.valid_from
    certificate = Certificate(
        application=application,
        regulation_code=application.regulation_code,
        version=version,
        supersedes=supersedes,
        reissue_reason=reason,
        holder_name=application.full_name,
        document_number=application.document_number,
        nationality=application.nationality,
        tier=application.tier if policy_for(application).has_tiers else "",
        valid_from=valid_from,
        valid_until=valid_until,
        issued_on=today,
        issued_by=by,
        verify_token=secrets.token_urlsafe(32),
        **number_parts,
    )
    _store_pdf(certificate)
    try:
        certificate.save()
    except Exception:
        certificate.pdf.storage.delete(certificate.pdf.name)
        raise
    return certificate


def certificate_issue(*, application: Application, by) -> Certificate:
    """Take `issue_certificate` (recognised → certified), allocate the number, render and store the PDF; atomic."""
    if not application.full_name or not application.document_number:
        raise CertificateRefused(_("申请人姓名或证件号码为空，不能签发证书。"), code="holder_missing")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != application.state:
            application.refresh_from_db()
        # Validity first: a refusal must leave the application recognised and the counter untouched.
        compute_validity(application, issued_on=timezone.localdate())
        application_transition(application=application, transition=s.T_ISSUE_CERTIFICATE, by=by)
        year = timezone.localdate().year
        serial = allocate_serial(regulation_code=application.regulation_code, year=year)
        number = format_number(regulation_code=application.regulation_code, year=year, serial=serial)
        certificate = _new_certificate(
            application=application,
            by=by,
            number_parts={"number": number, "year": year, "serial": serial},
            version=1,
        )
    logger.info("Certificate %s issued for %s by %s", certificate.number, application.reference, by)
    return certificate


def certificate_reissue(*, certificate: Certificate, by, reason: str) -> Certificate:
    """A correction or reissue: a new version (same number, new token and PDF); the old one becomes superseded."""
    from certificates.selectors import user_may_reissue

    reason = (reason or "").strip()
    if not reason:
        raise CertificateRefused(_("补发或更正证书必须填写原因。"), code="reason_required")
    with transaction.atomic():
        old = Certificate.objects.select_for_update().select_related("application").get(pk=certificate.pk)
        application = old.application
        if not user_may_reissue(by, application):
            raise CertificateRefused(_("您没有权限补发或更正该证书。"), code="forbidden")
        if application.state != s.CERTIFIED:
            raise CertificateRefused(
                _("申请当前状态（%(state)s）下不能补发证书。") % {"state": application.state_label},
                code="wrong_state",
            )
        if Certificate.objects.filter(supersedes=old).exists():
            raise CertificateRefused(_("该证书已有更新的版本，请对最新版本操作。"), code="not_current")
        new = _new_certificate(
            application=application,
            by=by,
            number_parts={"number": old.number, "year": old.year, "serial": old.serial},
            version=old.version + 1,
            supersedes=old,
            reason=reason,
        )
    logger.info("Certificate %s reissued as version %s by %s: %s", new.number, new.version, by, reason)
    return new


def child_enrolment_save(
    *, application: Application, by, data: dict, children: list[dict], request: ChildEnrolmentRequest | None = None
) -> ChildEnrolmentRequest:
    """Create or update the child-enrolment request (Beihai 附件3) with its children rows, atomically."""
    with transaction.atomic():
        if request is None:
            request = ChildEnrolmentRequest(application=application, created_by=by)
        for field, value in data.items():
            setattr(request, field, value)
        request.save()
        for child in request.children.all():
            child.delete()  # one history row per removed child keeps the audit trail
        for order, row in enumerate(children):
            EnrolmentChild.objects.create(request=request, sort_order=order, **row)
    return request


def issue_allowed_for(application: Application, user) -> bool:
    from django_fsm import has_transition_perm

    return application.state == s.RECOGNISED and has_transition_perm(application.issue_certificate, user)
