from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("verify/<str:token>/", views.verify, name="verify"),
    path("certificates/<int:pk>/download/", views.download, name="download"),
    path(
        "certificates/application/<int:pk>/certificate/",
        views.download_for_application,
        name="download_for_application",
    ),
    path("certificates/receipts/<int:pk>.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("certificates/application/<int:pk>/form.pdf", views.application_form_pdf, name="application_form_pdf"),
    path("certificates/application/<int:pk>/child-enrolment/", views.child_enrolment, name="child_enrolment"),
    path(
        "certificates/application/<int:pk>/child-enrolment.pdf", views.child_enrolment_pdf, name="child_enrolment_pdf"
    ),
]
