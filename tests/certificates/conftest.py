import io

import pytest
from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def stored_pdf_text():
    def read(certificate):
        with certificate.pdf.open("rb") as handle:
            return pdf_text(handle.read())

    return read
