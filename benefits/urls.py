from django.urls import path

from benefits import views

app_name = "benefits"

urlpatterns = [
    path("portal/applications/<int:pk>/employment-end/", views.employment_end, name="employment_end"),
]
