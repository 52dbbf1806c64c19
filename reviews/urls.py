from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("staff/", views.queue, name="queue"),
    path("staff/a/<int:pk>/", views.application_detail, name="application"),
    path("staff/a/<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("staff/a/<int:pk>/consult/", views.consultation_add, name="consultation_add"),
    path("staff/a/<int:pk>/tier-one/", views.tier_one_filing, name="tier_one_filing"),
    path("staff/tier-one-filings/", views.tier_one_filings, name="tier_one_filings"),
    path("staff/consultations/<int:pk>/answer/", views.consultation_answer, name="consultation_answer"),
    path("staff/objections/<int:pk>/decide/", views.objection_decide, name="objection_decide"),
    path("staff/objections/<int:pk>/evidence/", views.objection_evidence, name="objection_evidence"),
    path("staff/appeals/<int:pk>/opinion/", views.appeal_opinion, name="appeal_opinion"),
    path("staff/appeals/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:pk>/objection/", views.objection_file, name="objection_file"),
    path("appeal/<int:pk>/", views.appeal_file, name="appeal_file"),
]
