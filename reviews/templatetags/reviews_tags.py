"""Small display helpers of the staff console and the public notice."""

from django import template
from django.utils.translation import gettext as _

from applications import states as s
from regulations.policies.vocabularies import MisconductReason

register = template.Library()


@register.filter
def mask_id(number: str) -> str:
    """Public notice: show only the first and last two characters of an ID or passport number."""
    number = (number or "").strip()
    if len(number) <= 4:
        return "*" * len(number)
    return f"{number[:2]}{'*' * (len(number) - 4)}{number[-2:]}"


@register.filter
def state_label(code: str) -> str:
    return str(s.STATE_LABELS.get(code, code))


@register.filter
def revocation_label(code: str) -> str:
    return str(dict(MisconductReason.choices).get(code, code))


@register.simple_tag
def days_left_text(deadline) -> str:
    if deadline is None:
        return ""
    if deadline.unknown_reason and deadline.working_days_left is None:
        return deadline.unknown_reason
    if deadline.working_days_left is None:
        return ""
    if deadline.overdue:
        return _("已超期%(n)d个工作日") % {"n": -deadline.working_days_left}
    return _("剩余%(n)d个工作日") % {"n": deadline.working_days_left}
