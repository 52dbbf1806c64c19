"""The name of each regulation, in both languages: written here once, every page, form and mail asks it.

The formal document titles (《…办法》) are data of each RegulationVersion; this is the short name people use.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regulations import codes


class RegulationName(models.TextChoices):
    BEIHAI = codes.BEIHAI, _("北海市外籍“高精尖缺”人才认定")
    NANNING = codes.NANNING, _("南宁片区急需紧缺人才认定")


def regulation_name(code: str) -> str:
    """The display name of the regulation with this code; the code itself for an unknown one."""
    try:
        return str(RegulationName(code).label)
    except ValueError:
        return code
