"""Error pages speak the visitor's language; the server-error page needs neither the database nor a user."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from talentportal.views import error_500


@pytest.mark.parametrize(
    ("language", "html_lang", "text"),
    [
        ("en", 'lang="en"', "The service could not complete your request"),
        ("zh-hans", 'lang="zh-CN"', "系统暂时无法处理"),
    ],
)
def test_the_server_error_page_is_in_the_visitors_language(language, html_lang, text):
    with translation.override(language):
        response = error_500(RequestFactory().get("/portal/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert html_lang in html and text in html
    other = "系统暂时无法处理" if language == "en" else "The service could not"
    assert other not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_the_not_found_page_is_in_the_visitors_language(settings, language, text):
    settings.DEBUG = False
    client = Client()
    client.cookies["django_language"] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()
