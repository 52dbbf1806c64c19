from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("证书")

    def ready(self):
        from certificates import checks

        # Loud at start-up (runserver, gunicorn, celery), not only under `manage.py check`.
        checks.harfbuzz_subset_check()

        from django_fsm.signals import post_transition

        from certificates.form_cache import on_application_transition

        post_transition.connect(on_application_transition, sender="applications.Application", weak=False)
