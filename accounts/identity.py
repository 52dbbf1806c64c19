"""Identity data of a person: nationality (ISO 3166-1 alpha-2), passport numbers, Chinese ID numbers.

The one place these rules live: the portal form, the submission check, the certificate service, the
eligibility facts and the certificate's printed nationality all ask this module.
"""

import datetime as dt
import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

PASSPORT = "passport"
ID_CARD = "id_card"

# GB 11643-1999: the 18th character of a citizen identity number checks the first 17.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
# ICAO Doc 9303 document numbers are letters and digits; issuing states use 6 to 9, some longer.
_PASSPORT_SHAPE = re.compile(r"^[A-Z0-9]{6,12}$")

# Holders of an 18-character GB 11643 number besides citizens: residents of Hong Kong, Macao and Taiwan
# (居住证, 81/82/83…), and foreigners with the 2023 permanent residence card (外国人永久居留身份证, 9…).
_ID_CARD_NATIONALITIES = {"CN", "HK", "MO", "TW"}


def is_country_code(code: str | None) -> bool:
    return bool(code) and code.upper() in countries


def country_choices():
    """(code, name) for every ISO country, sorted by its name in the active language."""
    return [(code, str(name)) for code, name in countries]


def country_name(code: str | None, language: str | None = None) -> str:
    """The country's name in `language` (default: the active one); an unknown code shows as itself."""
    code = (code or "").upper()
    if not code:
        return ""
    if not is_country_code(code):
        return code
    if language is None:
        return str(countries.name(code))
    with translation.override(language):
        return str(countries.name(code))


def normalise_document_number(number: str | None) -> str:
    return re.sub(r"[\s-]", "", number or "").upper()


def id_check_character(first17: str) -> str:
    return _ID_CHECK[sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_number_problem(number: str) -> str | None:
    """Why `number` is not a valid 18-character citizen identity number (GB 11643), or None."""
    if not _ID_SHAPE.match(number):
        return _("居民身份证号码应为18位：17位数字加1位数字或X。")
    if id_birth_date(number) is None:
        return _("居民身份证号码中的出生日期（第7至14位）不是有效日期。")
    if id_check_character(number[:17]) != number[17]:
        return _("居民身份证号码校验位不正确，请逐位核对。")
    return None


def passport_number_problem(number: str) -> str | None:
    if not _PASSPORT_SHAPE.match(number) or not any(c.isdigit() for c in number):
        return _("护照号码应为6至12位字母或数字（含数字，不含空格和符号）。")
    return None


def identity_problems(
    *, document_type: str, document_number: str, nationality: str = "", birth_date=None, sex: str = ""
) -> dict[str, str]:
    """Field name → translated problem, for the identity fields of a person; empty when all is well."""
    problems = {}
    number = normalise_document_number(document_number)
    if nationality and not is_country_code(nationality):
        problems["nationality"] = _("请从列表中选择国籍。")
    if number:
        if document_type == ID_CARD:
            problem = id_number_problem(number)
            if problem is None and birth_date and id_birth_date(number) != birth_date:
                problem = _("居民身份证号码中的出生日期与填写的出生日期不一致。")
            if problem is None and sex in ("M", "F") and (int(number[16]) % 2 == 1) != (sex == "M"):
                problem = _("居民身份证号码中的性别（第17位）与填写的性别不一致。")
            foreign = nationality and nationality.upper() not in _ID_CARD_NATIONALITIES
            if problem is None and foreign and not number.startswith("9"):
                problem = _("外籍人员请选择护照（持外国人永久居留身份证的除外）。")
        elif document_type == PASSPORT:
            problem = passport_number_problem(number)
        else:
            problem = _("请选择证件类型。")
        if problem:
            problems["document_number"] = problem
    return problems


def _blank_and_countries():
    return [("", _("请选择国籍"))] + country_choices()


class CountryChoiceField(forms.ChoiceField):
    """A nationality picker: ISO 3166 names in the reader's language, the upper-case code kept."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", _blank_and_countries)
        kwargs.setdefault("widget", forms.Select(attrs={"autocomplete": "country"}))
        kwargs.setdefault("error_messages", {"invalid_choice": _("请从列表中选择国籍。")})
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()
