from django.contrib import admin
from django.urls import include, path

from talentportal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("", include("regulations.urls")),
    path("", include("applications.urls")),
    path("", include("reviews.urls")),
    path("", include("certificates.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "talentportal.views.error_404"
handler500 = "talentportal.views.error_500"
