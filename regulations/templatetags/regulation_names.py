from django import template

register = template.Library()


@register.filter
def regulation_name(code: str) -> str:
    """``{{ "beihai-foreign-talent"|regulation_name }}``: the regulation's one name, as its policy gives it."""
    from regulations.policies import policy_or_none

    policy = policy_or_none(str(code))
    return str(policy.name) if policy else str(code)


def _policy_and_version(code):
    """The regulation's policy and its version in force today (None when none is)."""
    from django.utils import timezone

    from regulations.policies import policy_or_none
    from regulations.selectors import version_in_force

    policy = policy_or_none(str(code))
    version = version_in_force(regulation_code=str(code), on=timezone.localdate()) if policy else None
    return policy, version


@register.filter
def regulation_days(code: str, name: str):
    """``{{ "beihai-foreign-talent"|regulation_days:"review_sla_working_days" }}``: a period of the version in
    force today (its setting, else the regulation's own number, as its policy gives it)."""
    policy, version = _policy_and_version(code)
    return policy.period(version, name) if policy else ""


@register.filter
def notice_period(code: str) -> str:
    """``{{ "nanning-ftz-urgent-talent"|notice_period }}``: how long its public notice runs today ("7天")."""
    policy, version = _policy_and_version(code)
    return policy.notice_period_text(version) if policy else ""


@register.filter
def enumeration(items) -> str:
    """``{{ materials|enumeration }}``: items joined the way the active language lists them."""
    from regulations.text import enumeration as _enumeration

    return _enumeration(items)
