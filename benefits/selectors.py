"""What a recognition gives: the benefits of its regulation (and tier), only while it is in force."""

from django.utils import timezone

from certificates import selectors as certificate_selectors
from regulations.models import Benefit


def benefits_for(*, regulation_code: str, tier: str = "") -> list[Benefit]:
    benefits = Benefit.objects.filter(regulation__code=regulation_code).order_by("sort_order", "pk")
    return [benefit for benefit in benefits if benefit.applies_to_tier(tier)]


def employment_end_for(application):
    """The employer's report that the talent's employment in the zone ended (Nanning Art. 11 ¶2), if any."""
    from benefits.models import EmploymentEnd

    return EmploymentEnd.objects.filter(application=application).first()


def benefits_stopped(application, *, today=None) -> bool:
    end = employment_end_for(application)
    return end is not None and end.effective_on <= (today or timezone.localdate())


def benefits_for_certificate(certificate, *, today=None) -> list[Benefit]:
    """None once the recognition is revoked, expired or superseded (Beihai 附件1: 凭此认定书…享受相关优惠政策),
    nor after the talent's employment in the zone ended (Nanning Art. 11 ¶2)."""
    if certificate is None or certificate_selectors.certificate_status(certificate) != certificate_selectors.VALID:
        return []
    if benefits_stopped(certificate.application, today=today):
        return []
    return benefits_for(regulation_code=certificate.regulation_code, tier=certificate.tier)
