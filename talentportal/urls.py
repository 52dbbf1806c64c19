from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from talentportal import views

if settings.STAFF_REQUIRE_OTP:
    # Production: the admin asks for a TOTP code after the password.
    admin.site.__class__ = OTPAdminSite
admin.site.site_header = "TalentPortal"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("", include("regulations.urls")),
    path("", include("applications.urls")),
    path("", include("reviews.urls")),
    path("", include("certificates.urls")),
    path("", include("audit.urls")),
    path("", include("benefits.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "talentportal.views.error_404"
handler500 = "talentportal.views.error_500"
