from django import template

register = template.Library()


@register.filter
def regulation_name(code: str) -> str:
    """``{{ "beihai-foreign-talent"|regulation_name }}``: the regulation's one name, as its policy gives it."""
    from regulations.policies import policy_or_none

    policy = policy_or_none(str(code))
    return str(policy.name) if policy else str(code)


@register.filter
def enumeration(items) -> str:
    """``{{ materials|enumeration }}``: items joined the way the active language lists them."""
    from regulations.text import enumeration as _enumeration

    return _enumeration(items)
