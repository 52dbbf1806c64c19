import io

import pytest
from django.core.management import call_command

from demo.accounts import DEMO_PASSWORD
from tests.ui.crawl import login


@pytest.fixture
def demo_site(live_server):
    """The demo data (an account per role, applications in several states) behind a live server."""
    call_command("seed_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def open_as(browser, live_server):
    """open_as(email or None, language, width=1280, height=900) -> a page signed in, in that language."""
    contexts = []

    def _open(email, language, width=1280, height=900):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
        context.set_default_timeout(20_000)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        if email:
            login(page, live_server.url, email, DEMO_PASSWORD)
        return page

    yield _open
    for context in contexts:
        context.close()
