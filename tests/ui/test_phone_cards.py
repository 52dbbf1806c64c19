"""On a 390 px phone the portal, queue and notice tables become one card per row, each value under its column's
name, and the page never scrolls sideways; on a desktop they stay tables. Screenshots go to $SCREENSHOT_DIR."""

import os

import pytest

from tests.browser.conftest import screenshot_dir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST_PAGES = [
    (None, "/notices/", "notices"),
    ("employer.beihai@demo.talentportal.cn", "/portal/", "portal-employer"),
    ("talent.nanning@demo.talentportal.cn", "/portal/", "portal-talent"),
    ("reviewer.beihai@demo.talentportal.cn", "/staff/?scope=all", "queue-beihai"),
    ("reviewer.nanning@demo.talentportal.cn", "/staff/?scope=all", "queue-nanning"),
]

CARD_LAYOUT_JS = """() => {
  const table = document.querySelector('table.card-rows');
  const cells = [...table.querySelectorAll('tbody td[data-label]')];
  const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()).filter(Boolean);
  return {
    pageWidth: document.documentElement.scrollWidth,
    rowDisplay: getComputedStyle(table.querySelector('tbody tr')).display,
    headVisible: table.querySelector('thead').getBoundingClientRect().height > 2,
    shownLabels: [...new Set(cells.map(td => getComputedStyle(td, '::before').content.replace(/^"|"$/g, '')))],
    headers,
    cellsInsideViewport: cells.every(td => td.getBoundingClientRect().right <= window.innerWidth + 0.5),
  };
}"""


def _shot(page, name):
    folder = screenshot_dir()
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_list_tables_become_readable_cards_on_a_phone(demo_site, open_as, language):
    for email, path, name in LIST_PAGES:
        page = open_as(email, language, width=390, height=844)
        page.goto(path)
        layout = page.evaluate(CARD_LAYOUT_JS)
        assert layout["pageWidth"] <= 390, f"{path} scrolls sideways at 390 px: {layout['pageWidth']} px"
        assert layout["rowDisplay"] == "block" and not layout["headVisible"], path
        assert layout["cellsInsideViewport"], path
        # Every value carries its column's name, in the page's language.
        assert set(layout["shownLabels"]) <= set(layout["headers"]) and len(layout["shownLabels"]) >= 4, layout
        _shot(page, f"{name}-{language}-390")
        page.context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_list_tables_stay_tables_on_a_desktop(demo_site, open_as, language):
    for email, path, name in LIST_PAGES:
        page = open_as(email, language, width=1280, height=800)
        page.goto(path)
        layout = page.evaluate(CARD_LAYOUT_JS)
        assert layout["rowDisplay"] == "table-row" and layout["headVisible"], path
        assert layout["pageWidth"] <= 1280, path
        _shot(page, f"{name}-{language}-1280")
        page.context.close()
