"""What the applicant's status page shows of the review side (appeal, notice window). Owned by reviews."""

from django import template

from applications import states as s

register = template.Library()


@register.inclusion_tag("reviews/_applicant_panel.html")
def applicant_review_panel(application, user):
    from reviews.appeals import appeal_refusal, appeal_window

    has_appeal = application.policy.has_appeal
    appeals = list(application.appeals.all()) if has_appeal else []
    can_appeal = has_appeal and appeal_refusal(application, user) is None
    return {
        "application": application,
        "user": user,
        "appeals": appeals,
        "can_appeal": can_appeal,
        "appeal_deadline": appeal_window(application).on if can_appeal else None,
        "panel_visible": bool(appeals or can_appeal or application.state == s.PUBLIC_NOTICE),
    }
