from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`: accounts for every role and applications in several states."""

    name = "demo"
    verbose_name = "Demo data"
