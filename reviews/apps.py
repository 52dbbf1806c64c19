from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("审核")

    def ready(self):
        from regulations.services import calendar_year_loaded
        from reviews.services import deadlines_compute_pending

        calendar_year_loaded.connect(deadlines_compute_pending, dispatch_uid="reviews.deadlines_compute_pending")
