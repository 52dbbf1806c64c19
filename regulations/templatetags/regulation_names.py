from django import template

from regulations.names import regulation_name as _regulation_name

register = template.Library()


@register.filter
def regulation_name(code: str) -> str:
    """``{{ application.regulation_code|regulation_name }}``: the one display name of a regulation."""
    return _regulation_name(str(code))
