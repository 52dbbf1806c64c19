from django import template

from api.services import token_kind_for

register = template.Library()


@register.filter
def may_hold_api_tokens(user) -> bool:
    """Employers and bureau staff have an API token page (the rule is api.services.token_kind_for)."""
    return token_kind_for(user) is not None
