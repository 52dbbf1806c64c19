from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HardeningConfig(AppConfig):
    name = "hardening"
    verbose_name = _("输入与滥用防护")
