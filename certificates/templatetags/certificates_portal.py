"""What the applicant's status page shows of certificates (download links). Owned by certificates."""

from django import template

register = template.Library()


@register.inclusion_tag("certificates/_applicant_panel.html")
def applicant_certificate_panel(application, user):
    return {"application": application, "user": user}
