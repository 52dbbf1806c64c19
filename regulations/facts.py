"""The eligibility facts (spec §5): strict parsing of the JSON into typed, immutable objects.

Unknown keys and wrong types are errors that name the key (dotted path) and the bad value; a missing
optional key means "no / unknown".
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from regulations.codes import REGULATION_CODES
from regulations.policies.vocabularies import (
    City,
    Degree,
    EmploymentRole,
    ForeignAClassItem,
    GuangxiTalentLevel,
    PermitClass,
    SkillLevel,
)

DEGREES = tuple(Degree.values)
SKILL_LEVELS = tuple(SkillLevel.values)
TALENT_LEVELS = tuple(GuangxiTalentLevel.values)
PERMIT_CLASSES = tuple(PermitClass.values)
CITIES = tuple(City.values)
ROLES = tuple(EmploymentRole.values)
A_CLASS_ITEMS = tuple(ForeignAClassItem.values)
MAX_SOCIAL_INSURANCE_MONTHS = 600
MAX_SALARY = 10**12
MAX_CONTRACT_YEARS = 100
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


class FactsError(Exception):
    """Bad eligibility facts; `key` is the dotted path of the offending key (or None for the whole input)."""

    def __init__(self, message: str, *, key: str | None = None):
        self.key = key
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class WorkPermit:
    permit_class: str | None = None
    issued_by_beihai: bool = False
    valid_until: dt.date | None = None
    number: str = ""


@dataclass(frozen=True)
class RVisa:
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class DirectoryEntry:
    joined_on: dt.date
    left_on: dt.date | None = None
    credit_code: str = ""


@dataclass(frozen=True)
class Person:
    nationality: str | None = None
    birth_date: dt.date | None = None
    highest_degree: str | None = None
    skill_level: str | None = None
    guangxi_talent_level: str | None = None
    foreign_a_class_items: tuple[int, ...] = ()
    work_permit: WorkPermit | None = None
    r_visa: RVisa | None = None
    honours: tuple[str, ...] = ()
    disqualified: bool = False
    document_number: str = ""
    basic_conditions_attested: bool = False  # Nanning Art. 5 (一)-(三)


@dataclass(frozen=True)
class Employment:
    city: str | None = None
    full_time: bool = False
    civil_service: bool = False
    directory_enterprise: DirectoryEntry | None = None
    hired_on: dt.date | None = None
    contract_years: float | None = None
    role: str | None = None
    annual_salary_cny: int | None = None
    recommended_by_department: bool = False
    conditions_met_on: dt.date | None = None
    contract_signed_on: dt.date | None = None
    social_insurance_months: int | None = None  # paid since the contract was signed (Nanning Art. 9(三))


@dataclass(frozen=True)
class Facts:
    regulation: str
    as_of: dt.date
    person: Person = field(default_factory=Person)
    employment: Employment = field(default_factory=Employment)


def _err(key: str, message: str) -> FactsError:
    return FactsError(f"{key}: {message}", key=key)


def _object(value, key: str, allowed: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        if not key:
            raise FactsError(_("输入应为 JSON 对象，实际为 %(value)s") % {"value": _show(value)}, key=None)
        raise _err(key, _("应为 JSON 对象，实际为 %(value)s") % {"value": _show(value)})
    for name in value:
        if name not in allowed:
            dotted = f"{key}.{name}" if key else name
            raise FactsError(
                _("%(key)s：未知的键（允许的键：%(allowed)s）") % {"key": dotted, "allowed": ", ".join(allowed)},
                key=dotted,
            )
    return value


def _show(value) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."


def _date(value, key: str, *, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise _err(key, _("必须填写日期（YYYY-MM-DD）"))
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _err(key, _("%(value)s 不是有效日期，应为 YYYY-MM-DD") % {"value": _show(value)})


def _bool(value, key: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _err(key, _("应为 true 或 false，实际为 %(value)s") % {"value": _show(value)})
    return value


def _choice(value, key: str, choices: tuple) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        return _bad_choice(value, key, choices)
    return value


def _bad_choice(value, key, choices):
    raise _err(
        key,
        _("%(value)s 不是允许的值（允许：%(choices)s）")
        % {"value": _show(value), "choices": ", ".join(map(str, choices))},
    )


def _number(value, key: str, *, integer: bool, maximum) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or (integer and isinstance(value, float)):
        kind = _("整数") if integer else _("数字")
        raise _err(key, _("应为%(kind)s，实际为 %(value)s") % {"kind": kind, "value": _show(value)})
    if value != value or value < 0 or value > maximum:  # NaN, negative or absurd
        raise _err(key, _("%(value)s 超出允许范围（0 至 %(max)s）") % {"value": _show(value), "max": maximum})
    return value


def _string(value, key: str, *, max_length: int = 60) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > max_length:
        raise _err(key, _("应为不超过 %(n)s 个字符的文本，实际为 %(value)s") % {"n": max_length, "value": _show(value)})
    return value.strip()


def _list(value, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _err(key, _("应为列表，实际为 %(value)s") % {"value": _show(value)})
    return value


def _parse_person(data) -> Person:
    data = _object(
        data,
        "person",
        (
            "nationality",
            "birth_date",
            "highest_degree",
            "skill_level",
            "guangxi_talent_level",
            "foreign_a_class_items",
            "work_permit",
            "r_visa",
            "honours",
            "disqualified",
            "document_number",
            "basic_conditions_attested",
        ),
    )
    nationality = data.get("nationality")
    if nationality is not None:
        if not isinstance(nationality, str) or not _COUNTRY.match(nationality.upper()):
            message = _("%(value)s 不是两位字母的国家代码（ISO 3166）") % {"value": _show(nationality)}
            raise _err("person.nationality", message)
        nationality = nationality.upper()

    items = []
    for i, item in enumerate(_list(data.get("foreign_a_class_items"), "person.foreign_a_class_items")):
        key = f"person.foreign_a_class_items[{i}]"
        if isinstance(item, bool) or not isinstance(item, int) or item not in A_CLASS_ITEMS:
            _bad_choice(item, key, A_CLASS_ITEMS)
        items.append(item)

    honours = []
    for i, code in enumerate(_list(data.get("honours"), "person.honours")):
        if not isinstance(code, str) or not _SLUG.match(code):
            raise _err(f"person.honours[{i}]", _("%(value)s 不是荣誉称号代码") % {"value": _show(code)})
        honours.append(code)

    permit = None
    if data.get("work_permit") is not None:
        raw = _object(data["work_permit"], "person.work_permit", ("class", "issued_by_beihai", "valid_until", "number"))
        permit = WorkPermit(
            permit_class=_choice(raw.get("class"), "person.work_permit.class", PERMIT_CLASSES),
            issued_by_beihai=_bool(raw.get("issued_by_beihai"), "person.work_permit.issued_by_beihai"),
            valid_until=_date(raw.get("valid_until"), "person.work_permit.valid_until"),
            number=_string(raw.get("number"), "person.work_permit.number"),
        )
    visa = None
    if data.get("r_visa") is not None:
        raw = _object(data["r_visa"], "person.r_visa", ("valid_until",))
        visa = RVisa(valid_until=_date(raw.get("valid_until"), "person.r_visa.valid_until"))

    return Person(
        nationality=nationality,
        birth_date=_date(data.get("birth_date"), "person.birth_date"),
        highest_degree=_choice(data.get("highest_degree"), "person.highest_degree", DEGREES),
        skill_level=_choice(data.get("skill_level"), "person.skill_level", SKILL_LEVELS),
        guangxi_talent_level=_choice(data.get("guangxi_talent_level"), "person.guangxi_talent_level", TALENT_LEVELS),
        foreign_a_class_items=tuple(sorted(set(items))),
        work_permit=permit,
        r_visa=visa,
        honours=tuple(dict.fromkeys(honours)),
        disqualified=_bool(data.get("disqualified"), "person.disqualified"),
        document_number=_string(data.get("document_number"), "person.document_number", max_length=40),
        basic_conditions_attested=_bool(data.get("basic_conditions_attested"), "person.basic_conditions_attested"),
    )


def _parse_employment(data) -> Employment:
    data = _object(
        data,
        "employment",
        (
            "city",
            "full_time",
            "civil_service",
            "directory_enterprise",
            "hired_on",
            "contract_years",
            "role",
            "annual_salary_cny",
            "recommended_by_department",
            "conditions_met_on",
            "contract_signed_on",
            "social_insurance_months",
        ),
    )
    directory = None
    if data.get("directory_enterprise") is not None:
        raw = _object(
            data["directory_enterprise"], "employment.directory_enterprise", ("joined_on", "left_on", "credit_code")
        )
        directory = DirectoryEntry(
            joined_on=_date(raw.get("joined_on"), "employment.directory_enterprise.joined_on", required=True),
            left_on=_date(raw.get("left_on"), "employment.directory_enterprise.left_on"),
            credit_code=_string(raw.get("credit_code"), "employment.directory_enterprise.credit_code", max_length=18),
        )
        if directory.left_on and directory.left_on < directory.joined_on:
            raise _err("employment.directory_enterprise.left_on", _("移出名录日期早于纳入名录日期"))
    return Employment(
        city=_choice(data.get("city"), "employment.city", CITIES),
        full_time=_bool(data.get("full_time"), "employment.full_time"),
        civil_service=_bool(data.get("civil_service"), "employment.civil_service"),
        directory_enterprise=directory,
        hired_on=_date(data.get("hired_on"), "employment.hired_on"),
        contract_years=_number(
            data.get("contract_years"), "employment.contract_years", integer=False, maximum=MAX_CONTRACT_YEARS
        ),
        role=_choice(data.get("role"), "employment.role", ROLES),
        annual_salary_cny=_number(
            data.get("annual_salary_cny"), "employment.annual_salary_cny", integer=True, maximum=MAX_SALARY
        ),
        recommended_by_department=_bool(data.get("recommended_by_department"), "employment.recommended_by_department"),
        conditions_met_on=_date(data.get("conditions_met_on"), "employment.conditions_met_on"),
        contract_signed_on=_date(data.get("contract_signed_on"), "employment.contract_signed_on"),
        social_insurance_months=_number(
            data.get("social_insurance_months"),
            "employment.social_insurance_months",
            integer=True,
            maximum=MAX_SOCIAL_INSURANCE_MONTHS,
        ),
    )


def parse_facts(data: dict, *, today: dt.date | None = None) -> Facts:
    """Validate and type the facts. `as_of` defaults to `today` (or the current date in Asia/Shanghai)."""
    data = _object(data, "", ("regulation", "as_of", "person", "employment"))
    if "regulation" not in data:
        message = _("regulation：必须填写（%(choices)s）") % {"choices": ", ".join(REGULATION_CODES)}
        raise FactsError(message, key="regulation")
    regulation = _choice(data["regulation"], "regulation", REGULATION_CODES)
    if regulation is None:
        _bad_choice(None, "regulation", REGULATION_CODES)
    if data.get("as_of") is None:
        from django.utils import timezone

        as_of = today or timezone.localdate()
    else:
        as_of = _date(data["as_of"], "as_of")
    person = _parse_person(data["person"]) if data.get("person") is not None else Person()
    employment = _parse_employment(data["employment"]) if data.get("employment") is not None else Employment()
    return Facts(regulation=regulation, as_of=as_of, person=person, employment=employment)
