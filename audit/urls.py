from django.urls import path

from audit import otp, views

app_name = "audit"
urlpatterns = [
    path("staff/second-factor/", otp.second_factor, name="second_factor"),
    path("staff/access-log/", views.access_log, name="access_log"),
    path("staff/access-log/export.csv", views.access_log_export, name="access_log_export"),
]
