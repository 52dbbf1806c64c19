"""Load the regulation data (fixtures/*.json) and the working-day calendar into the database.

Both loaders take a model registry (`django.apps.apps` or a migration's historical `apps`) so the same code
serves the data migrations, `manage.py load_regulation_data` and the tests. Regulation data is matched by
code (update_or_create); calendar days that already exist are left alone so staff corrections survive.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
REGULATION_FILES = ("beihai-foreign-talent.json", "nanning-ftz-urgent-talent.json")
SANYUESAN_FILE = "guangxi-sanyuesan.json"
CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR = 2004, 2026

VERSION_FIELDS = (
    "title_zh",
    "title_en",
    "issued_on",
    "effective_from",
    "effective_until",
    "replaces_note",
    "review_sla_working_days",
    "appeal_window_working_days",
    "appeal_answer_days",
    "notice_days",
    "notice_counts_working_days",
    "apply_within_months",
    "transitional_hired_from",
    "transitional_hired_until",
    "transitional_apply_months",
    "directory_hired_after",
    "min_contract_years",
    "validity_years_tier_i",
    "validity_years_tier_ii",
    "validity_years_tier_iii",
    "source_note",
)
DATE_FIELDS = {"issued_on", "effective_from", "effective_until", "transitional_hired_from", "transitional_hired_until"}
DATE_FIELDS |= {"directory_hired_after"}

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def read_fixture(name: str) -> dict:
    with open(FIXTURES_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def _fields(model, row: dict, *, exclude=()) -> dict:
    """The row's values for fields the (possibly historical) model has: old migrations stay runnable when
    the fixtures later gain keys for fields added by newer migrations."""
    names = {f.name for f in model._meta.get_fields()}
    return {k: v for k, v in row.items() if k in names and k not in exclude}


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def load_regulation_data(apps) -> None:
    MaterialType = apps.get_model("regulations", "MaterialType")
    Honour = apps.get_model("regulations", "Honour")
    TalentLevel = apps.get_model("regulations", "TalentLevel")
    ForeignAClassItem = apps.get_model("regulations", "ForeignAClassItem")
    Regulation = apps.get_model("regulations", "Regulation")
    RegulationVersion = apps.get_model("regulations", "RegulationVersion")
    Criterion = apps.get_model("regulations", "Criterion")
    CommonMaterial = apps.get_model("regulations", "CommonMaterial")
    Benefit = apps.get_model("regulations", "Benefit")

    for row in read_fixture("materials.json")["materials"]:
        MaterialType.objects.update_or_create(code=row["code"], defaults=_fields(MaterialType, row, exclude=["code"]))

    lists = read_fixture("reference-lists.json")
    for row in lists["honours"]:
        Honour.objects.update_or_create(code=row["code"], defaults=_fields(Honour, row, exclude=["code"]))
    for row in lists["talent_levels"]:
        TalentLevel.objects.update_or_create(code=row["code"], defaults=_fields(TalentLevel, row, exclude=["code"]))
    for row in lists["foreign_a_class_items"]:
        ForeignAClassItem.objects.update_or_create(
            number=row["number"], defaults=_fields(ForeignAClassItem, row, exclude=["number"])
        )

    materials = {m.code: m for m in MaterialType.objects.all()}
    for filename in REGULATION_FILES:
        doc = read_fixture(filename)
        reg_row = doc["regulation"]
        regulation, _ = Regulation.objects.update_or_create(
            code=reg_row["code"], defaults=_fields(Regulation, reg_row, exclude=["code"])
        )
        for version_row in doc["versions"]:
            defaults = {
                field: (_date(version_row.get(field)) if field in DATE_FIELDS else version_row.get(field))
                for field in VERSION_FIELDS
            }
            defaults["notice_counts_working_days"] = bool(defaults["notice_counts_working_days"])
            defaults["replaces_note"] = defaults["replaces_note"] or ""
            defaults["source_note"] = defaults["source_note"] or ""
            version, _ = RegulationVersion.objects.update_or_create(
                code=version_row["code"], defaults={"regulation": regulation, **_fields(RegulationVersion, defaults)}
            )
            wanted = version_row["common_materials"]
            CommonMaterial.objects.filter(version=version).exclude(material__code__in=wanted).delete()
            for code in wanted:
                CommonMaterial.objects.get_or_create(version=version, material=materials[code])
            for criterion_row in version_row["criteria"]:
                criterion, _ = Criterion.objects.update_or_create(
                    version=version,
                    code=criterion_row["code"],
                    defaults=_fields(Criterion, criterion_row, exclude=["code", "materials"]),
                )
                criterion.materials.set([materials[code] for code in criterion_row["materials"]])
        for benefit_row in doc["benefits"]:
            benefit, _ = Benefit.objects.update_or_create(
                regulation=regulation,
                code=benefit_row["code"],
                defaults=_fields(Benefit, benefit_row, exclude=["code", "request_materials"]),
            )
            if "request_materials" in benefit_row and hasattr(benefit, "request_materials"):
                benefit.request_materials.set([materials[code] for code in benefit_row["request_materials"]])


def load_missing_material_types(apps) -> None:
    """Add material types the fixtures gained since; existing ones keep what staff have edited."""
    MaterialType = apps.get_model("regulations", "MaterialType")
    for row in read_fixture("materials.json")["materials"]:
        MaterialType.objects.get_or_create(code=row["code"], defaults=_fields(MaterialType, row, exclude=["code"]))


def load_benefit_fields(apps, field_names: list[str]) -> None:
    """Fill only `field_names` of the benefits already loaded: a later migration adding fields must not
    overwrite what staff have since edited in the other fields."""
    Benefit = apps.get_model("regulations", "Benefit")
    for filename in REGULATION_FILES:
        doc = read_fixture(filename)
        for row in doc["benefits"]:
            values = {name: row[name] for name in field_names if name in row}
            benefit = Benefit.objects.filter(regulation__code=doc["regulation"]["code"], code=row["code"]).first()
            if benefit is None:
                continue
            many = {name: values.pop(name) for name in list(values) if benefit._meta.get_field(name).many_to_many}
            for name, value in values.items():
                setattr(benefit, name, value)
            if values:
                benefit.save(update_fields=list(values))
            if "request_materials" in many:
                MaterialType = apps.get_model("regulations", "MaterialType")
                benefit.request_materials.set(MaterialType.objects.filter(code__in=many["request_materials"]))


def load_calendar(apps) -> None:
    """National holidays and adjusted working days from `chinesecalendar`, then Guangxi's 三月三."""
    from chinese_calendar import constants

    CalendarDay = apps.get_model("regulations", "CalendarDay")
    CalendarYear = apps.get_model("regulations", "CalendarYear")

    import chinese_calendar

    national_source = f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}（国务院办公厅节假日安排通知）"
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    new_rows = []
    for day, name in sorted(constants.holidays.items()):
        if CALENDAR_FIRST_YEAR <= day.year <= CALENDAR_LAST_YEAR and day not in existing:
            new_rows.append(
                CalendarDay(date=day, kind="holiday", name=HOLIDAY_NAMES_ZH.get(name, name), source=national_source)
            )
            existing.add(day)
    for day, name in sorted(constants.workdays.items()):
        if CALENDAR_FIRST_YEAR <= day.year <= CALENDAR_LAST_YEAR and day not in existing:
            label = f"{HOLIDAY_NAMES_ZH.get(name, name)}调休上班"
            new_rows.append(CalendarDay(date=day, kind="workday", name=label, source=national_source))
            existing.add(day)

    sanyuesan = read_fixture(SANYUESAN_FILE)
    for row in sanyuesan["days"]:
        day = dt.date.fromisoformat(row["date"])
        if day not in existing:
            new_rows.append(CalendarDay(date=day, kind=row["kind"], name=row["name"], source=sanyuesan["source"]))
            existing.add(day)
    CalendarDay.objects.bulk_create(new_rows)

    for year in range(CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR + 1):
        source = national_source + ("；壮族三月三" if year >= 2014 else "")
        CalendarYear.objects.get_or_create(year=year, defaults={"source": source})
