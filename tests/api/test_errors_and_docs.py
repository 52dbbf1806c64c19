"""One error shape everywhere, in the caller's language; the schema and the docs served from this site."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from tests.api.conftest import assert_error
from tests.factories import employer_user

pytestmark = pytest.mark.django_db


def test_no_credentials_is_401_asking_for_a_bearer_token(api):
    response = api().get(reverse("api:applications"))
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_message_follows_accept_language(api):
    zh = api(language="zh-hans").get(reverse("api:applications")).json()["message"]
    en = api(language="en").get(reverse("api:applications")).json()["message"]
    assert zh != en
    assert "credentials" in en.lower()
    assert re.search(r"[\u4e00-\u9fff]", zh)


def test_a_session_post_without_the_csrf_token_is_refused(api):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employer_user())
    response = client.post(
        reverse("api:applications"), {"regulation": "beihai-foreign-talent"}, content_type="application/json"
    )
    assert_error(response, 403, "permission_denied")
    assert "CSRF" in response.json()["message"]


def test_a_session_get_works_for_the_sites_own_pages(api):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employer_user())
    assert client.get(reverse("api:applications")).status_code == 200


def test_wrong_method_and_wrong_media_type(api):
    client = api(employer_user())
    assert_error(client.client.delete(reverse("api:applications"), **client.headers), 405, "method_not_allowed")
    response = client.client.post(
        reverse("api:applications"), "regulation=x", content_type="text/plain", **client.headers
    )
    assert_error(response, 415, "unsupported_media_type")


def test_malformed_json_is_400(api):
    client = api(employer_user())
    response = client.client.post(reverse("api:applications"), "{", content_type="application/json", **client.headers)
    assert_error(response, 400, "parse_error")


def test_an_unknown_api_url_is_404_in_the_one_shape(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert "text/html" in client.get("/nothing-here/")["Content-Type"]


def test_the_schema_describes_every_endpoint_and_the_error_shape(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in (
        "/api/eligibility",
        "/api/applications",
        "/api/applications/{id}",
        "/api/applications/{id}/submit",
        "/api/applications/{id}/materials",
        "/api/applications/{id}/transitions",
        "/api/consultations/{id}/opinion",
        "/api/certificates/{id}/pdf",
        "/api/verify/{token}",
    ):
        assert path in paths, path
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"error", "message", "fields"}
    assert "404" in paths["/api/applications/{id}"]["get"]["responses"]
    assert "apiToken" in schema["components"]["securitySchemes"]


def test_the_docs_load_only_this_sites_scripts_under_its_csp(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Content-Security-Policy" in response
    assert "script-src 'self'" in response["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="/' in attributes for attributes in scripts)  # no inline script, no CDN
    assert "//" not in "".join(re.findall(r'(?:src|href)="([^"]*)"', html)).replace("/static/", "")
    for asset in re.findall(r'(?:src|href)="/static/([^"?]+)"', html):
        assert finders.find(asset), asset
    init = client.get(re.search(r'<script src="(/api/docs/\?[^"]*)"', html).group(1).replace("&amp;", "&"))
    assert init.status_code == 200 and "SwaggerUIBundle" in init.content.decode()


@pytest.mark.parametrize("name, args", [("eligibility", []), ("material-download", [1]), ("certificate-pdf", [1])])
def test_options_is_never_a_server_error(api, name, args):
    response = api(employer_user()).client.options(reverse(f"api:{name}", args=args))
    assert response.status_code in (200, 401, 405)
