from django import template
from django.urls import reverse

from benefits import clock, selectors, services
from certificates import selectors as certificate_selectors
from regulations.policies import policy_for

register = template.Library()


@register.inclusion_tag("benefits/_benefits.html")
def benefits_panel(certificate, user=None):
    """The benefits a certificate gives now; on the portal (with `user`) also the end of employment, if any."""
    application = certificate.application
    return {
        "benefits": selectors.benefits_for_certificate(certificate),
        "application": application,
        "employment_end": selectors.employment_end_for(application) if user is not None else None,
        "requestable": selectors.requestable_benefits(application, user) if user is not None else [],
        "renewal": _renewal(certificate, user) if user is not None else None,
        "may_report_end": user is not None
        and services.may_report_employment_end(user, application)
        and selectors.employment_end_for(application) is None,
    }


def _renewal(certificate, user):
    """Near the end of the validity, or after it, the one who applies is shown the way to apply again."""
    application = certificate.application
    status = certificate_selectors.certificate_status(certificate)
    if status not in (certificate_selectors.VALID, certificate_selectors.EXPIRED):
        return None
    days_left = (certificate.valid_until - clock.today()).days
    if status == certificate_selectors.VALID and days_left > services.REMINDER_DAYS_AHEAD:
        return None
    policy = policy_for(application)
    if not user.has_role(policy.applicant_role):
        return None
    return {
        "ends_on": certificate.valid_until,
        "expired": status == certificate_selectors.EXPIRED,
        "start_url": reverse("applications:start", args=[application.regulation_code]),
        "how": services.renewal_text(application),
    }
