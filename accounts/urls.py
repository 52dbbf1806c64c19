from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/employer/", views.register_employer, name="register_employer"),
    path("register/talent/", views.register_talent, name="register_talent"),
    path("verify/<str:token>/", views.verify_email, name="verify_email"),
    path("verify-resend/", views.resend_verification, name="resend_verification"),
    path("register/sent/", views.registration_sent, name="registration_sent"),
    path("invite/", views.invite, name="invite"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("organisation/licence/", views.organisation_licence, name="organisation_licence"),
    path(
        "organisation/licence/<int:pk>/file/",
        views.organisation_licence_download,
        name="organisation_licence_download",
    ),
    path(
        "password-reset/",
        views.PasswordResetView.as_view(
            template_name="registration/tp_password_reset_form.html",
            email_template_name="registration/tp_password_reset_email.txt",
            subject_template_name="registration/tp_password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/tp_password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/tp_password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/tp_password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
