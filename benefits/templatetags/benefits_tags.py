from django import template

from benefits.selectors import benefits_for_certificate

register = template.Library()


@register.inclusion_tag("benefits/_benefits.html")
def benefits_panel(certificate, heading_level=2):
    return {"benefits": benefits_for_certificate(certificate), "heading_level": heading_level}
