from django import template

from benefits import selectors, services

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
        "may_report_end": user is not None
        and services.may_report_employment_end(user, application)
        and selectors.employment_end_for(application) is None,
    }
