"""How a list of items is written in running text, in the active language (一、二、三 / one, two, three)."""

from django.utils.translation import gettext as _


def enumeration(items) -> str:
    return _("、").join(str(item) for item in items)
