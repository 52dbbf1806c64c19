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
    benefits = selectors.benefits_for_certificate(certificate)
    if user is None:  # the public verify page: the benefits only
        return {
            "benefits": benefits,
            "application": application,
            "employment_end": None,
            "requestable": [],
            "renewal": None,
            "may_report_end": False,
        }
    end = selectors.employment_end_for(application)
    return {
        "benefits": benefits,
        "application": application,
        "employment_end": end,
        "requestable": selectors.requestable_benefits(application, user, benefits=benefits),
        "renewal": _renewal(certificate, user),
        "may_report_end": end is None and services.may_report_employment_end(user, application),
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
