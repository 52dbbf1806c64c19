"""Certificate rendering benchmark: warm median, p95 and size for Beihai and Nanning certificates with CJK names
(rare characters included) and a Latin-only page, in one run. Nothing is written to the database.

    cd /work/main && DEBUG=1 .venv/bin/python bench/bench_certificates.py [--runs 30]

Target (issue 6): median ≤ 0.25 s warm and ≤ 120 KB per certificate, real CJK serif, no missing glyph.
Results go into docs/performance.md.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from accounts.models import Organisation  # noqa: E402
from applications.models import Application  # noqa: E402
from certificates import documents, fonts  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from regulations.codes import BEIHAI, NANNING  # noqa: E402

RARE = "吉喆堃犇赟䶮𠮷"
CASES = {
    "beihai certificate": (BEIHAI, "约翰·史密斯 John Smith " + RARE, "GB", "E12345678", ""),
    "nanning certificate": (NANNING, "李" + RARE, "CN", "450103198504021230", "I"),
}
LATIN_PAGE = "bench/latin_page.html"


def _certificate(regulation, name, nationality, document, tier):
    organisation = Organisation(name="北海堃犇科技有限公司", credit_code="91450500000000001X")
    application = Application(regulation_code=regulation, organisation=organisation, full_name=name)
    return Certificate(
        application=application,
        regulation_code=regulation,
        number=("BH" if regulation == BEIHAI else "NN") + "-2026-00017",
        year=2026,
        serial=17,
        holder_name=name,
        document_number=document,
        nationality=nationality,
        tier=tier,
        valid_from=datetime.date(2026, 3, 1),
        valid_until=datetime.date(2031, 2, 28),
        issued_on=datetime.date(2026, 3, 1),
        verify_token="x" * 43,
    )


def _latin_pdf():
    from django.template import engines

    template = engines["django"].from_string(
        '{% extends "certificates/pdf/base.html" %}{% block body %}<h1>Verification receipt</h1>'
        "<p>{{ text }}</p>{% endblock %}"
    )
    html = template.render({"text": "The quick brown fox jumps over the lazy dog. " * 20})
    import weasyprint

    from certificates.rendering import FONT_FACES_MARKER, font_face_css, make_url_fetcher

    document_fonts = fonts.document_fonts(html)
    html = html.replace(FONT_FACES_MARKER, f"<style>{font_face_css(document_fonts)}</style>", 1)
    return weasyprint.HTML(string=html, url_fetcher=make_url_fetcher(document_fonts)).write_pdf()


def _missing_glyphs(content: bytes, expected: str) -> list[str]:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return [character for character in expected if not character.isspace() and character not in text]


def measure(label, render, runs, expected=""):
    render()  # warm-up: fonts opened, templates compiled
    timings, size, content = [], 0, b""
    for _ in range(runs):
        start = time.perf_counter()
        content = render()
        timings.append(time.perf_counter() - start)
        size = len(content)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    missing = _missing_glyphs(content, expected) if expected else []
    print(
        f"{label:22} median {statistics.median(timings):.3f} s   p95 {p95:.3f} s   "
        f"size {size / 1024:.1f} KB   missing glyphs: {''.join(missing) or 'none'}"
    )
    return statistics.median(timings), size, missing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--system-font", action="store_true", help="baseline: embed the system Noto Serif CJK SC, no pre-subset"
    )
    args = parser.parse_args()
    if args.system_font:
        fonts.document_fonts = lambda text: {}
    print(f"HarfBuzz subsetting available: {fonts.harfbuzz_subset_available()}; fonts in {fonts.font_dir()}")
    ok = True
    for label, case in CASES.items():
        certificate = _certificate(*case)
        median, size, missing = measure(
            label, lambda c=certificate: documents.certificate_pdf(c), args.runs, expected=case[1]
        )
        ok &= median <= 0.25 and size <= 120 * 1024 and not missing
    measure("latin-only page", _latin_pdf, args.runs)
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
