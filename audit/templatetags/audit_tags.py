from django import template

from applications import access

register = template.Library()


@register.filter
def reads_access_log(user) -> bool:
    return access.can_read_access_log(user)
