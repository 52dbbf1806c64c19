"""Walk the site as a user would, following in-site links, and check each page.

Used by the browser tests in this folder (axe-core in both languages, no Chinese in the English site) and
runnable against a dev server for a survey: ``python -m tests.ui.crawl http://127.0.0.1:8106 en``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

# Links that change state on GET, download files, or leave the HTML site: the crawl does not follow them.
SKIPPED_PATHS = re.compile(
    r"(/logout/|\.pdf$|/download/|/materials/\d+/|/licence/\d+/file/|/certificate/$|/admin/logout/|/i18n/|/api/|/healthz"
    r"|/admin/jsi18n/|/history/\d+/$|/delete/$)"
)
# Admin change lists have one link per object and per filter; a few of each kind are enough.
ADMIN_PER_SECTION = 3

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

# Text a user or a record supplied (names, organisations, addresses, uploaded file names) is marked in the
# templates with lang="zh" (or data-user-text); the English-site check leaves it out and nothing else.
VISIBLE_TEXT_JS = r"""
() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const DATA = '[lang="zh"], [lang="zh-CN"], [data-user-text]';
  const skip = (el) => el.closest(DATA + ', script, style, noscript, template, option:not(:checked)');
  let node;
  while ((node = walker.nextNode())) {
    const text = node.nodeValue.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || skip(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    out.push(text);
  }
  const labelled = '[placeholder], [aria-label], [title], img[alt], input[type=submit][value]';
  for (const el of document.querySelectorAll(labelled)) {
    if (el.closest(DATA)) continue;
    for (const attr of ['placeholder', 'aria-label', 'title', 'alt', 'value']) {
      if ((attr === 'value') !== (el.tagName === 'INPUT' && el.type === 'submit')) continue;
      const v = el.getAttribute(attr);
      if (v) out.push(v);
    }
  }
  out.push(document.title);
  return out;
}
"""


@dataclass
class PageResult:
    url: str
    status: int
    axe_serious: list = field(default_factory=list)  # [(rule id, impact, node count, first target)]
    cjk: list = field(default_factory=list)


def _same_site(base: str, href: str) -> bool:
    return urlsplit(href).netloc == urlsplit(base).netloc


def crawl(page, base_url: str, start_paths, *, limit: int = 80, check=None, admin_per_section=ADMIN_PER_SECTION):
    """Visit start_paths and the in-site links reachable from them (breadth first), calling check(page, url)."""
    seen: set[str] = set()
    queue = [base_url.rstrip("/") + p for p in start_paths]
    per_section: dict[str, int] = {}
    results = []
    while queue and len(results) < limit:
        url = queue.pop(0)
        url = urldefrag(url).url
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        if SKIPPED_PATHS.search(path):
            continue
        if path.startswith("/admin/"):
            section = "/".join(re.sub(r"\d+", "N", path).split("/")[:5]) + ("?" if urlsplit(url).query else "")
            per_section[section] = per_section.get(section, 0) + 1
            if per_section[section] > admin_per_section:
                continue
        response = page.goto(url)
        status = response.status if response else 0
        content_type = (response.headers.get("content-type", "") if response else "") or ""
        if "text/html" not in content_type:
            continue
        results.append(check(page, url, status) if check else PageResult(url, status))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = urldefrag(href).url
            if _same_site(base_url, href) and href not in seen:
                queue.append(href)
    return results


def axe_serious(page, axe=None):
    """axe-core violations of impact serious or critical on the current page."""
    if axe is None:
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe()
    results = axe.run(page)
    out = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = violation["nodes"]
            out.append((violation["id"], violation["impact"], len(nodes), nodes[0]["target"] if nodes else ""))
    return out


def cjk_outside_user_text(page):
    """Visible texts (and accessible attributes) on the page that contain Chinese and are not marked as data."""
    return sorted({text[:80] for text in page.evaluate(VISIBLE_TEXT_JS) if CJK.search(text)})


def login(page, base_url, email, password):
    page.goto(base_url.rstrip("/") + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form button[type=submit].primary")
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"sign-in failed for {email}")


# Who walks the site, and where each starts.
DEMO_WALKS = [
    (
        None,
        [
            "/",
            "/precheck/",
            "/notices/",
            "/accounts/login/",
            "/accounts/register/employer/",
            "/accounts/register/talent/",
            "/accounts/password-reset/",
            "/no-such-page/",
        ],
    ),
    ("employer.beihai@demo.talentportal.cn", ["/portal/", "/accounts/invite/"]),
    ("employer.nanning@demo.talentportal.cn", ["/portal/"]),
    ("talent.nanning@demo.talentportal.cn", ["/portal/"]),
    ("talent.beihai@demo.talentportal.cn", ["/portal/"]),
    ("reviewer.beihai@demo.talentportal.cn", ["/staff/", "/staff/?scope=all"]),
    ("police.beihai@demo.talentportal.cn", ["/staff/"]),
    ("reviewer.nanning@demo.talentportal.cn", ["/staff/", "/staff/?scope=all"]),
    ("committee.nanning@demo.talentportal.cn", ["/staff/"]),
    ("admin@demo.talentportal.cn", ["/admin/"]),
]


def _main():  # pragma: no cover - a survey tool for a developer's dev server
    import sys

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    base, language = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else None
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from demo.accounts import DEMO_PASSWORD as password

    total = {"pages": 0, "serious": 0, "cjk_pages": 0}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for email, starts in DEMO_WALKS:
            if only and (email or "anon") != only:
                continue
            context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page = context.new_page()
            if email:
                login(page, base, email, password)

            def check(page, url, status):
                result = PageResult(url, status, axe_serious(page))
                if language == "en":
                    result.cjk = cjk_outside_user_text(page)
                return result

            for r in crawl(page, base, starts, check=check, limit=60):
                total["pages"] += 1
                total["serious"] += sum(n for _, _, n, _ in r.axe_serious)
                total["cjk_pages"] += bool(r.cjk)
                if r.axe_serious or r.cjk or r.status >= 500:
                    print(email or "anon", r.status, r.url)
                    for v in r.axe_serious:
                        print("   axe", v)
                    for t in r.cjk[:12]:
                        print("   cjk", t)
            context.close()
        browser.close()
    print(total)


if __name__ == "__main__":
    _main()
