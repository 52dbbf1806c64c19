"""What the applicant's status page shows of the review side (appeal, objections). Owned by reviews."""

from django import template

register = template.Library()


@register.inclusion_tag("reviews/_applicant_panel.html")
def applicant_review_panel(application, user):
    return {"application": application, "user": user}
