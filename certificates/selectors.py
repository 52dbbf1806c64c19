"""Reads about certificates: who may see them, which is current, what the verification page says."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications import states as s
from certificates.models import Certificate
from talentportal.related import prefetched

VALID = "valid"
EXPIRED = "expired"
REVOKED = "revoked"
SUPERSEDED = "superseded"
STATUS_LABELS = {
    VALID: _("有效"),
    EXPIRED: _("已过期"),
    REVOKED: _("已撤销"),
    SUPERSEDED: _("已被新版本取代"),
}
STATUS_BADGES = {VALID: "ok", EXPIRED: "warn", REVOKED: "bad", SUPERSEDED: "warn"}


def certificate_status(certificate: Certificate, *, today=None) -> str:
    """Derived from the application and the newer versions, never stored twice."""
    today = today or timezone.localdate()
    application = certificate.application
    if application.state == s.REVOKED:
        return REVOKED
    if application.state == s.SUPERSEDED or _superseded(certificate):
        return SUPERSEDED
    if application.state == s.EXPIRED or today > certificate.valid_until:
        return EXPIRED
    return VALID


def _superseded(certificate: Certificate) -> bool:
    issued = prefetched(certificate.application, "certificates")
    if issued is not None:
        return any(other.supersedes_id == certificate.pk for other in issued)
    return Certificate.objects.filter(supersedes=certificate).exists()


def current_certificate(application) -> Certificate | None:
    """The newest version issued for the application (None before issuance)."""
    issued = prefetched(application, "certificates")
    if issued is not None:
        return max(issued, key=lambda c: (c.version, c.pk), default=None)
    return application.certificates.order_by("-version", "-id").first()


def mask_document_number(number: str) -> str:
    """Enough to recognise one's own document, not enough to learn someone else's: E1*****78."""
    number = (number or "").strip()
    if len(number) <= 4:
        return "*" * len(number)
    keep = 1 if len(number) <= 6 else 2 if len(number) < 12 else 3
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


def certificate_by_token(token: str) -> Certificate | None:
    if not token or len(token) > 64:
        return None
    return Certificate.objects.select_related("application").filter(verify_token=token).first()


def user_may_reissue(user, application) -> bool:
    """Whoever may issue may correct: Beihai SciTech approvers, the Nanning committee or leadership group."""
    from applications.permissions import issuer

    return user is not None and user.is_authenticated and issuer(application, user)


def recorded_opinions(application, *, for_applicant: bool = False) -> dict[str, object]:
    """The newest transition log per transition code (comment = opinion, reason = refusal or return);
    for the applicant, only the entries the applicant may see."""
    latest = {}
    logs = application.transition_logs.select_related("by").order_by("at", "id")
    if for_applicant:
        logs = logs.filter(visible_to_applicant=True)
    for log in logs:
        latest[log.transition] = log
    return latest


def department_opinions(application) -> list:
    """Consultation answers recorded by the review workflow, when that app provides them."""
    consultations = getattr(application, "consultations", None)
    if consultations is None:
        return []
    return list(consultations.select_related("department").order_by("requested_at", "id"))
