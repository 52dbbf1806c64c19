from django.urls import path

from benefits import views

app_name = "benefits"

urlpatterns = [
    path("portal/applications/<int:pk>/employment-end/", views.employment_end, name="employment_end"),
    path("portal/applications/<int:pk>/services/<slug:benefit_code>/start/", views.request_start, name="request_start"),
    path("portal/services/<int:pk>/", views.request_detail, name="request"),
    path("portal/services/<int:pk>/stamped.pdf", views.request_stamped_pdf, name="request_stamped_pdf"),
    path("portal/services/materials/<int:pk>/", views.request_material, name="request_material"),
    path("staff/services/", views.staff_requests, name="staff_requests"),
    path("staff/services/<int:pk>/", views.staff_request, name="staff_request"),
]
