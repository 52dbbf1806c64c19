import datetime

import pytest
from pypdf import PdfReader

from certificates import fonts
from certificates.rendering import FetchRefused, make_url_fetcher, render_pdf
from certificates.services import certificate_issue
from tests.certificates.conftest import pdf_text
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application

pytestmark = pytest.mark.django_db
RARE_NAME = "吉喆堃犇赟䶮𠮷"
MAX_CERTIFICATE_BYTES = 120 * 1024


def _embedded_fonts(content: bytes) -> set[str]:
    import io

    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_beihai_certificate_has_the_chinese_and_english_text_of_annex_2(stored_pdf_text):
    certificate = certificate_issue(application=recognised_application(full_name="王" + RARE_NAME), by=beihai_issuer())
    text = stored_pdf_text(certificate)
    for expected in [
        "北海市外籍“高精尖缺”人才认定书",
        "Certificate for High-level and Urgently-needed Talents",
        certificate.number,
        "E12345678",
        "英国",
        "United Kingdom",
        "北海市科学技术局",
        "Beihai Municipal Science and Technology Bureau",
        f"{certificate.valid_until.year}年{certificate.valid_until.month}月{certificate.valid_until.day}日",
        certificate.valid_until.strftime("%d/%m/%y"),
        RARE_NAME,
    ]:
        assert expected in text, expected


def test_nanning_certificate_has_tier_and_validity(stored_pdf_text):
    application = nanning_application(tier="I", full_name="李" + RARE_NAME)
    certificate = certificate_issue(application=application, by=nanning_issuer())
    text = stored_pdf_text(certificate)
    assert "急需紧缺人才认定证书" in text
    assert "Tier I" in text
    assert RARE_NAME in text
    assert certificate.valid_until.strftime("%d/%m/%Y") in text


@pytest.mark.parametrize("regulation", ["beihai", "nanning"])
def test_certificates_are_small_and_use_only_the_document_subsets(regulation):
    if regulation == "beihai":
        certificate = certificate_issue(application=recognised_application(full_name=RARE_NAME), by=beihai_issuer())
    else:
        certificate = certificate_issue(application=nanning_application(full_name=RARE_NAME), by=nanning_issuer())
    assert certificate.pdf_size <= MAX_CERTIFICATE_BYTES
    with certificate.pdf.open("rb") as handle:
        embedded = _embedded_fonts(handle.read())
    # Every glyph, rare ones included, came from the per-document cut of the full Noto Serif CJK SC.
    assert embedded and all("TalentPortal-Serif" in name for name in embedded)


def test_rare_characters_are_in_the_document_subset():
    content = fonts.subset_font(400, RARE_NAME + "ABC")
    from io import BytesIO

    from fontTools.ttLib import TTFont

    cmap = TTFont(BytesIO(content))["cmap"].getBestCmap()
    assert {ord(character) for character in RARE_NAME} <= set(cmap)


def test_user_text_prints_as_text_and_fetches_nothing(stored_pdf_text, caplog):
    hostile = '<img src="file:///etc/passwd"><style>*{display:none}</style>'
    application = recognised_application(full_name=hostile)
    certificate = certificate_issue(application=application, by=beihai_issuer())
    text = stored_pdf_text(certificate)
    assert "display:none" in text and 'src="file:///etc/passwd"' in text
    assert "北海市外籍“高精尖缺”人才认定书" in text
    assert "root:" not in text
    assert "refused to fetch" not in caplog.text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/x.png", "tp-static:../../etc/passwd"])
def test_the_url_fetcher_refuses_anything_outside_the_project(url):
    fetcher = make_url_fetcher({})
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)


def test_a_template_pointing_at_a_local_file_does_not_get_it(tmp_path, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]},
    ]
    secret = tmp_path / "secret.css"
    secret.write_text("body::after { content: 'LEAKED-SECRET'; }")
    (tmp_path / "probe.html").write_text(
        f'{{% extends "certificates/pdf/base.html" %}}{{% block body %}}<link rel="stylesheet" href="file://{secret}">'
        "探针{% endblock %}"
    )
    text = pdf_text(render_pdf("probe.html", {}))
    assert "探针" in text and "LEAKED-SECRET" not in text


def test_dates_are_rendered_in_both_formats():
    application = recognised_application(permit_valid_until=datetime.date(2031, 7, 9))
    certificate = certificate_issue(application=application, by=beihai_issuer())
    with certificate.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "2031年7月9日" in text and "09/07/31" in text
