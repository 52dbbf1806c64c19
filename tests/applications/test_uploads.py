"""Uploads: type from content, size limit, decompression bombs, private storage, original name in the DB only."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.uploads import MAX_IMAGE_PIXELS, check_upload, clean_original_name
from tests.applications.factories import PDF_BYTES, jpeg, pdf, png, png_bytes


def test_pdf_jpeg_and_png_are_recognised_from_their_content():
    assert check_upload(pdf()).content_type == "application/pdf"
    assert check_upload(png()).content_type == "image/png"
    assert check_upload(jpeg()).content_type == "image/jpeg"


def test_the_extension_does_not_matter_only_the_content():
    renamed = SimpleUploadedFile("photo.pdf", png_bytes(), content_type="application/pdf")
    assert check_upload(renamed).content_type == "image/png"
    assert check_upload(renamed).extension == ".png"


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00 this is a windows program", b"<html><script>alert(1)</script></html>", b"plain text"],
)
def test_other_content_disguised_as_pdf_is_refused(content):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("passport.pdf", content, content_type="application/pdf"))
    assert error.value.code == "type"
    assert "passport.pdf" in error.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        check_upload(pdf(content=PDF_BYTES + b"0" * 2000))
    assert error.value.code == "too_large"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("empty.pdf", b""))
    assert error.value.code == "empty"


def test_a_truncated_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(pdf(content=PDF_BYTES[:40] + b"x" * 5000))
    assert error.value.code == "broken"


def test_an_image_decompression_bomb_is_refused_without_decoding_it():
    side = int(MAX_IMAGE_PIXELS**0.5) + 100
    bomb = SimpleUploadedFile("bomb.png", png_bytes((side, side), mode="1"))
    assert bomb.size < 200_000  # small on disk, huge in memory
    with pytest.raises(ValidationError) as error:
        check_upload(bomb)
    assert error.value.code == "bomb"


def test_a_corrupt_image_is_refused():
    content = png_bytes()[:60]
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("photo.png", content))
    assert error.value.code == "broken"


def test_the_original_name_is_cleaned_of_paths_and_control_characters():
    assert clean_original_name("C:\\Users\\x\\护照.pdf") == "护照.pdf"
    assert clean_original_name("../../etc/passwd\x00") == "passwd"
