"""What the applicant's status page shows of certificates (download links). Owned by certificates."""

from django import template

from applications import access
from applications import states as s
from certificates import selectors

register = template.Library()


@register.inclusion_tag("certificates/_applicant_panel.html")
def applicant_certificate_panel(application, user):
    may_see = access.can_view(user, application)
    certificate = selectors.current_certificate(application) if may_see else None
    context = {"application": application, "user": user, "may_see": may_see, "certificate": certificate}
    if certificate is not None:
        status = selectors.certificate_status(certificate)
        context.update(
            status=status, status_label=selectors.STATUS_LABELS[status], badge=selectors.STATUS_BADGES[status]
        )
    context["child_enrolment"] = may_see and application.policy.child_enrolment and application.state == s.CERTIFIED
    return context
