from django.urls import path

from regulations import views

app_name = "regulations"
urlpatterns = [
    path("precheck/", views.precheck, name="precheck"),
    path("api/eligibility", views.api_eligibility, name="api_eligibility"),
]
