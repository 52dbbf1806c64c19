from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.views import applications, public, tokens, workflow

app_name = "api"
urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("api/eligibility", public.EligibilityView.as_view(), name="eligibility"),
    path("api/applications", applications.ApplicationListView.as_view(), name="applications"),
    path("api/applications/<int:pk>", applications.ApplicationDetailView.as_view(), name="application"),
    path("api/applications/<int:pk>/submit", applications.ApplicationSubmitView.as_view(), name="application-submit"),
    path("api/applications/<int:pk>/materials", applications.MaterialListView.as_view(), name="materials"),
    path("api/applications/<int:pk>/timeline", applications.TimelineView.as_view(), name="timeline"),
    path("api/applications/<int:pk>/transitions", workflow.TransitionsView.as_view(), name="transitions"),
    path(
        "api/applications/<int:pk>/consultations",
        workflow.ApplicationConsultationsView.as_view(),
        name="application-consultations",
    ),
    path("api/materials/<int:pk>/file", applications.MaterialDownloadView.as_view(), name="material-download"),
    path("api/consultations", workflow.ConsultationListView.as_view(), name="consultations"),
    path("api/consultations/<int:pk>/opinion", workflow.ConsultationOpinionView.as_view(), name="consultation-opinion"),
    path("api/certificates", public.CertificateListView.as_view(), name="certificates"),
    path("api/certificates/<int:pk>", public.CertificateDetailView.as_view(), name="certificate"),
    path("api/certificates/<int:pk>/pdf", public.CertificatePdfView.as_view(), name="certificate-pdf"),
    path("api/verify/<str:token>", public.VerifyView.as_view(), name="verify"),
    # The page where employers and staff create and revoke their tokens.
    path("accounts/api-tokens/", tokens.tokens, name="tokens"),
    path("accounts/api-tokens/<int:pk>/revoke/", tokens.revoke, name="token_revoke"),
]
