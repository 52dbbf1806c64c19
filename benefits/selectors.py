"""What a recognition gives: the benefits of its regulation (and tier), only while it is in force."""

from applications import access
from benefits import clock
from certificates import selectors as certificate_selectors
from regulations import reference
from regulations.models import Benefit


def benefits_for(*, regulation_code: str, tier: str = "") -> list[Benefit]:
    return [benefit for benefit in reference.current().benefits(regulation_code) if benefit.applies_to_tier(tier)]


def employment_end_for(application):
    """The employer's report that the talent's employment in the zone ended (Nanning Art. 11 ¶2), if any."""
    return getattr(application, "employment_end", None)


def benefits_stopped(application, *, today=None) -> bool:
    end = employment_end_for(application)
    return end is not None and end.effective_on <= (today or clock.today())


def benefits_for_certificate(certificate, *, today=None) -> list[Benefit]:
    """None once the recognition is revoked, expired or superseded (Beihai 附件1: 凭此认定书…享受相关优惠政策),
    nor after the talent's employment in the zone ended (Nanning Art. 11 ¶2)."""
    today = today or clock.today()
    if (
        certificate is None
        or certificate_selectors.certificate_status(certificate, today=today) != certificate_selectors.VALID
    ):
        return []
    if benefits_stopped(certificate.application, today=today):
        return []
    return benefits_for(regulation_code=certificate.regulation_code, tier=certificate.tier)


def requestable_benefits(application, user, *, benefits) -> list[dict]:
    """Of `benefits` (what the recognition gives now), those `user` may ask for, each with its last request."""
    from benefits import permissions as perms
    from benefits.models import ServiceRequest

    rows = []
    for benefit in benefits:
        if not benefit.requestable:
            continue
        probe = ServiceRequest(application=application, benefit=benefit)
        if not perms.requester_side(probe, user):
            continue
        latest = ServiceRequest.objects.filter(application=application, benefit=benefit).order_by("-created_at").first()
        window = benefit.window_for(clock.today().year)
        rows.append({"benefit": benefit, "latest": latest, "window": window})
    return rows


def service_request_visible(request, user) -> bool:
    from benefits import permissions as perms

    return perms.requester_side(request, user) or perms.reviewer(request, user)


def service_requests_for_reviewer(user, *, state: str = ""):
    """The requests of benefits whose reviewer role `user` holds, oldest submitted first."""
    from benefits import states as rs
    from benefits.models import ServiceRequest

    roles = list(user.role_codes())
    queryset = (
        ServiceRequest.objects.filter(benefit__reviewer_role__in=roles)
        .exclude(state=rs.DRAFT)
        .exclude(access.conflict_condition(user, through="application__"))
        .select_related("application", "application__organisation", "benefit")
        .order_by("submitted_at", "pk")
    )
    return queryset.filter(state=state) if state else queryset


def forward_overdue(request, *, today=None) -> bool:
    """Approved child-enrolment requests not yet forwarded after the yearly forwarding date (5 July)."""
    from benefits import states as rs

    deadline = request.benefit.forward_deadline_for(request.year)
    return bool(deadline and request.state == rs.APPROVED and (today or clock.today()) > deadline)
