"""统一社会信用代码 (GB 32100-2015): 18 characters, a restricted alphabet and a check character."""

import pytest
from django.core.exceptions import ValidationError

from accounts.credit_code import check_character, validate_credit_code
from accounts.models import Organisation

PUBLISHED_VALID_CODES = [
    "91350100M000100Y43",  # the example printed in GB 32100-2015
    "91110000600037341L",
    "913300007125582210",
    "91440300708461136T",
]


@pytest.mark.parametrize("code", PUBLISHED_VALID_CODES)
def test_published_codes_are_accepted(code):
    validate_credit_code(code)


def test_lower_case_and_surrounding_spaces_are_accepted():
    validate_credit_code("  91350100m000100y43 ")


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("91350100M000100Y44", "checksum"),  # last character altered
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("", "length"),
        ("91350100I000100Y43", "alphabet"),  # I is not in the alphabet
        ("91350100O000100Y43", "alphabet"),
        ("9135010 M000100Y43", "alphabet"),
        ("９１350100M000100Y43", "alphabet"),  # full-width digits
    ],
)
def test_invalid_codes_are_refused_with_a_specific_reason(code, error_code):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert excinfo.value.code == error_code


def test_every_single_character_substitution_is_detected():
    """Modulo 31 over a 31-character alphabet catches every one-character error."""
    code = PUBLISHED_VALID_CODES[0]
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for position in range(17):
        for ch in alphabet:
            if ch == code[position]:
                continue
            altered = code[:position] + ch + code[position + 1 :]
            assert check_character(altered[:17]) != code[17]


def test_error_message_is_translated_to_english():
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as excinfo:
            validate_credit_code("91350100M000100Y44")
        assert "check character" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_organisation_stores_the_code_normalised():
    org = Organisation.objects.create(name="北海示例公司", credit_code=" 91350100m000100y43")
    org.full_clean()
    assert org.credit_code == "91350100M000100Y43"
