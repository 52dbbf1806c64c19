import json

import pytest
from django.test import Client

from api.services import token_create, token_kind_for


class ApiClient:
    """The Django test client speaking JSON with a bearer token, as an HR system would."""

    def __init__(self, user=None, *, language="zh-hans"):
        self.client = Client()
        self.headers = {"HTTP_ACCEPT_LANGUAGE": language}
        if user is not None and token_kind_for(user):
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {token_create(user=user, name='测试系统').secret}"
        elif user is not None:
            self.client.force_login(user)  # talents use the site's own session

    def get(self, url, **params):
        return self.client.get(url, params, **self.headers)

    def post(self, url, body=None, **extra):
        return self.client.post(url, json.dumps(body or {}), content_type="application/json", **self.headers, **extra)

    def patch(self, url, body):
        return self.client.patch(url, json.dumps(body), content_type="application/json", **self.headers)

    def upload(self, url, material_code, file):
        return self.client.post(url, {"material_code": material_code, "file": file}, **self.headers)


@pytest.fixture
def api():
    return ApiClient


def assert_error(response, status, error):
    """The one error shape, with the expected status and code."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"error", "message", "fields"}
    assert body["error"] == error, body
    assert body["message"]
    return body
