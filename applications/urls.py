from django.urls import path

from applications import views

app_name = "applications"
urlpatterns = [
    path("portal/", views.dashboard, name="dashboard"),
    path("portal/new/<slug:regulation_code>/", views.start, name="start"),
    path("portal/applications/<int:pk>/", views.detail, name="detail"),
    path("portal/applications/<int:pk>/edit/", views.edit, name="edit"),
    path("portal/applications/<int:pk>/submit/", views.submit, name="submit"),
    path("portal/applications/<int:pk>/employer-decision/", views.employer_decide, name="employer_decide"),
    path("portal/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("portal/materials/<int:pk>/", views.material_download, name="material_download"),
    path("portal/materials/<int:pk>/remove/", views.material_remove, name="material_remove"),
]
