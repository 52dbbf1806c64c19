"""What a recognition gives: the benefits of its regulation (and tier), only while it is in force."""

from certificates import selectors as certificate_selectors
from regulations.models import Benefit


def benefits_for(*, regulation_code: str, tier: str = "") -> list[Benefit]:
    benefits = Benefit.objects.filter(regulation__code=regulation_code).order_by("sort_order", "pk")
    return [benefit for benefit in benefits if benefit.applies_to_tier(tier)]


def benefits_for_certificate(certificate) -> list[Benefit]:
    """None once the recognition is revoked, expired or superseded (Beihai 附件1: 凭此认定书…享受相关优惠政策)."""
    if certificate is None or certificate_selectors.certificate_status(certificate) != certificate_selectors.VALID:
        return []
    return benefits_for(regulation_code=certificate.regulation_code, tier=certificate.tier)
