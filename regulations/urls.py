from django.urls import path

from regulations import views

app_name = "regulations"
urlpatterns = [
    path("precheck/", views.precheck, name="precheck"),
]
