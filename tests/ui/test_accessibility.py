"""axe-core over every page each kind of user reaches, in Chinese and in English: no serious or critical
violation (labels, contrast, landmarks, the page's language, headings)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.ui.crawl import DEMO_WALKS, axe_serious, crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_has_no_serious_accessibility_violation(demo_site, open_as, language):
    axe = Axe()
    visited, failures = 0, []
    for email, starts in DEMO_WALKS:
        page = open_as(email, language)

        def check(page, url, status):
            return url, status, axe_serious(page, axe)

        for url, status, violations in crawl(page, demo_site, starts, limit=40, check=check, admin_per_section=1):
            visited += 1
            assert status < 500, f"{url} answered {status}"
            if violations:
                failures.append(f"{email or 'anonymous'} {url}: {violations}")
        page.context.close()
    assert visited >= 40, f"the crawl reached only {visited} pages"
    assert not failures, "\n".join(failures)
