"""How API callers prove who they are: a bearer token, or the site's own session (with its CSRF check)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.services import token_user


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer tp_…` with a token created on the API token page."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Authorization 头格式应为“Bearer 令牌”。"))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("令牌无效或已被吊销。")) from None
        user = token_user(secret)
        if user is None:
            raise exceptions.AuthenticationFailed(_("令牌无效或已被吊销。"))
        # A staff token is created in a session whose second factor was confirmed (see api.views.tokens):
        # requests made with it count as verified, in django-otp's own convention.
        user.is_verified = lambda: True
        return user, user.api_token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "tp_<prefix>_<secret>"}


def bearer_user(request):
    """The user of a valid `Authorization: Bearer` token on a plain Django request, else None. Lets the
    upload gate (hardening) treat a token-signed request as signed in before DRF authenticates it."""
    header = authentication.get_authorization_header(request).split()
    if len(header) != 2 or header[0].lower() != ApiTokenAuthentication.keyword.lower().encode():
        return None
    try:
        return token_user(header[1].decode("ascii"))
    except UnicodeDecodeError:
        return None
