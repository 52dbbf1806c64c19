"""The English site is in English: walking it as each kind of user, following the site's own links, shows no
Chinese except what people typed or records hold (names, organisations, opinions), which the templates mark
as data (data-user-text or lang="zh-CN")."""

import pytest

from tests.ui.crawl import DEMO_WALKS, cjk_outside_user_text, crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_english_site_shows_no_untranslated_chinese(demo_site, open_as):
    visited, failures = 0, []
    for email, starts in DEMO_WALKS:
        if email and email.startswith("admin@"):
            continue  # the admin lists records as they are stored; its own texts are checked by the catalogues
        page = open_as(email, "en")

        def check(page, url, status):
            return url, status, cjk_outside_user_text(page)

        for url, status, chinese in crawl(page, demo_site, starts, limit=40, check=check):
            if "/admin/" in url:
                continue
            visited += 1
            assert status < 500, f"{url} answered {status}"
            if chinese:
                failures.append(f"{email or 'anonymous'} {url}: {chinese}")
        page.context.close()
    assert visited >= 30, f"the crawl reached only {visited} pages"
    assert not failures, "\n".join(failures)


def test_the_check_sees_chinese_that_is_not_marked_as_data(demo_site, open_as):
    """The check itself: unmarked Chinese is found, marked data is not."""
    page = open_as(None, "en")
    page.goto("/")
    page.evaluate(
        """() => {
        const p = document.createElement('p'); p.textContent = '未翻译的说明'; document.querySelector('main').append(p);
        const q = document.createElement('p'); q.innerHTML = 'Name: <span data-user-text>李明</span>';
        document.querySelector('main').append(q);
      }"""
    )
    assert cjk_outside_user_text(page) == ["未翻译的说明"]
