"""HTML templates to PDF with WeasyPrint: one entry point, a closed url_fetcher, per-document font subsets.

User-typed text reaches the PDF only through Django's autoescaping templates, so it prints as text. WeasyPrint
may fetch nothing but what this module hands it: the document's own font subsets and the project's static
files. file://, http(s):// and anything else are refused, whatever a template or a user string contains.
"""

import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from certificates import fonts
from talentportal.site import absolute_url

logger = logging.getLogger(__name__)
# WeasyPrint logs seven INFO lines per document ("Step 1 - Fetching…"): noise in production logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FONT_SCHEME = "tp-font:"
STATIC_SCHEME = "tp-static:"
FONT_FACES_MARKER = "<!--tp-font-faces-->"
_MIME = {".otf": "font/otf", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}


class FetchRefused(ValueError):
    pass


_DATA_IMAGES = ("data:image/svg+xml", "data:image/png")


def make_url_fetcher(document_fonts: dict[str, bytes]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectFetcher(URLFetcher):
        """Serves the document's fonts, the project's static files and our own data: images; nothing else."""

        def fetch(self, url, headers=None):
            if url.startswith(FONT_SCHEME):
                name = url[len(FONT_SCHEME) :]
                if name in document_fonts:
                    return URLFetcherResponse(url, document_fonts[name], {"Content-Type": "font/otf"})
            elif url.startswith(STATIC_SCHEME):
                relative = url[len(STATIC_SCHEME) :].lstrip("/")
                found = finders.find(relative) if relative and ".." not in Path(relative).parts else None
                if found:
                    path = Path(found)
                    content_type = _MIME.get(path.suffix, "application/octet-stream")
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
            elif url.startswith(_DATA_IMAGES):
                return super().fetch(url, headers)
            logger.warning("PDF rendering refused to fetch %.100r", url)
            raise FetchRefused(f"Fetching {url[:100]!r} is not allowed in PDFs.")

    return ProjectFetcher(allowed_protocols={"data"}, allow_redirects=False)


def font_face_css(document_fonts: dict[str, bytes]) -> str:
    rules = []
    for name in document_fonts:
        weight = name.split("-", 1)[0]
        rules.append(
            f'@font-face {{ font-family: "{fonts.FAMILY}"; src: url("{FONT_SCHEME}{name}"); font-weight: {weight}; }}'
        )
    return "\n".join(rules)


def render_pdf(template_name: str, context: dict, *, language: str = "zh-hans") -> bytes:
    """Render `template_name` to PDF bytes. Templates extend certificates/pdf/base.html."""
    import weasyprint

    with translation.override(language):
        html = render_to_string(template_name, context)
    document_fonts = fonts.document_fonts(html)
    # The @font-face rules go into the document itself so they share the render's font configuration.
    html = html.replace(FONT_FACES_MARKER, f"<style>{font_face_css(document_fonts)}</style>", 1)
    fetcher = make_url_fetcher(document_fonts)
    document = weasyprint.HTML(string=html, base_url=STATIC_SCHEME + "/", url_fetcher=fetcher)
    return document.write_pdf()


def site_url(path: str) -> str:
    return absolute_url(path)
