from django import template

from regulations.names import regulation_name as _regulation_name

register = template.Library()


@register.filter
def regulation_name(code: str) -> str:
    """``{{ application.regulation_code|regulation_name }}``: the one display name of a regulation."""
    return _regulation_name(str(code))


@register.filter
def enumeration(items) -> str:
    """``{{ materials|enumeration }}``: items joined the way the active language lists them."""
    from regulations.text import enumeration as _enumeration

    return _enumeration(items)
