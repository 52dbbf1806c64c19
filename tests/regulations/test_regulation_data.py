"""The two regulations as data: in every database from the migrations, matching the spec's codes."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command

from regulations import selectors
from regulations.models import (
    Benefit,
    CalendarDay,
    CalendarYear,
    Criterion,
    ForeignAClassItem,
    Honour,
    MaterialType,
    RegulationVersion,
    TalentLevel,
)
from regulations.rules import params_problems
from regulations.seed import load_calendar, load_regulation_data

pytestmark = pytest.mark.django_db

MATERIALS = {
    "application-form", "passport", "photo", "id-document", "work-permit", "residence-permit", "r-visa",
    "honour-certificate", "recommendation-letter", "employment-contract", "social-insurance",
    "education-certificates", "salary-tax-record", "condition-evidence",
    # asked by benefit requests after recognition (Beihai 附件3; Nanning Art. 10)
    "child-passport", "guardianship-proof", "house-purchase-contract",
}  # fmt: skip


def materials_of(version_code, criterion_code):
    criterion = Criterion.objects.get(version__code=version_code, code=criterion_code)
    return set(criterion.materials.values_list("code", flat=True))


def test_material_codes():
    assert set(MaterialType.objects.values_list("code", flat=True)) == MATERIALS
    assert list(MaterialType.objects.filter(filled_online=True).values_list("code", flat=True)) == ["application-form"]
    assert "2024-12-01" in MaterialType.objects.get(code="work-permit").description_en


def test_beihai_version():
    version = RegulationVersion.objects.get(code="beihai-foreign-talent-2023")
    assert version.issued_on == version.effective_from == dt.date(2023, 8, 11)
    assert version.effective_until is None
    assert (version.review_sla_working_days, version.appeal_window_working_days, version.appeal_answer_days) == (
        5,
        5,
        15,
    )
    assert "2022年11月16日" in version.replaces_note
    assert set(version.common_materials.values_list("material__code", flat=True)) == {
        "application-form",
        "passport",
        "photo",
    }
    assert materials_of(version.code, "BH-1") == {"work-permit", "residence-permit"}
    assert materials_of(version.code, "BH-2") == {"r-visa"}
    assert materials_of(version.code, "BH-3") == {"work-permit", "residence-permit", "honour-certificate"}
    assert materials_of(version.code, "BH-4") == {"work-permit", "residence-permit", "recommendation-letter"}


def test_nanning_version():
    version = RegulationVersion.objects.get(code="nanning-ftz-urgent-talent-draft")
    assert version.effective_until == dt.date(2026, 12, 7)
    assert (version.notice_days, version.notice_counts_working_days, version.apply_within_months) == (7, False, 6)
    assert (version.transitional_hired_from, version.transitional_hired_until) == (
        dt.date(2023, 7, 1),
        dt.date(2024, 6, 30),
    )
    assert version.transitional_apply_months == 3
    assert version.directory_hired_after == dt.date(2021, 12, 31)
    assert version.min_contract_years == 3
    codes = list(version.criteria.values_list("code", "tier"))
    assert codes == [
        ("NN-I-1", "I"), ("NN-I-2", "I"), ("NN-I-3", "I"), ("NN-II-1", "II"), ("NN-II-2", "II"),
        ("NN-II-3", "II"), ("NN-II-4", "II"), ("NN-III-1", "III"), ("NN-III-2", "III"), ("NN-CASE", ""),
    ]  # fmt: skip
    for code, _tier in codes:
        expected = {"condition-evidence"} | ({"salary-tax-record"} if code in ("NN-I-2", "NN-II-2") else set())
        assert materials_of(version.code, code) == expected
    assert set(version.common_materials.values_list("material__code", flat=True)) == {
        "application-form", "id-document", "photo", "employment-contract", "social-insurance",
        "education-certificates",
    }  # fmt: skip


def test_every_criterion_is_bilingual_with_valid_params():
    for criterion in Criterion.objects.all():
        assert criterion.description_zh and criterion.description_en
        assert params_problems(criterion.params) == []


def test_reference_lists():
    assert Honour.objects.count() == 10
    assert list(Honour.objects.filter(needs_judgement=True).values_list("code", flat=True)) == [
        "other-city-level-or-above"
    ]
    assert list(TalentLevel.objects.values_list("code", flat=True)) == ["A", "B", "C", "D", "E"]
    assert list(ForeignAClassItem.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_benefits_with_office_address_hours_phone():
    beihai = Benefit.objects.filter(regulation__code="beihai-foreign-talent")
    assert beihai.count() == 6
    assert all(b.office and b.address and b.hours and b.phone for b in beihai)
    assert Benefit.objects.filter(regulation__code="nanning-ftz-urgent-talent").count() == 4


def test_version_in_force():
    nanning = "nanning-ftz-urgent-talent"
    assert selectors.version_in_force(regulation_code=nanning, on=dt.date(2026, 12, 7)).code.endswith("draft")
    assert selectors.version_in_force(regulation_code=nanning, on=dt.date(2026, 12, 8)) is None
    assert selectors.version_in_force(regulation_code="beihai-foreign-talent", on=dt.date(2023, 8, 10)) is None


def test_a_successor_version_takes_over_without_code_change():
    old = RegulationVersion.objects.get(code="nanning-ftz-urgent-talent-draft")
    new = RegulationVersion.objects.create(
        regulation=old.regulation,
        code="nanning-ftz-urgent-talent-2027",
        title_zh="新办法",
        title_en="New measures",
        issued_on=dt.date(2026, 12, 8),
        effective_from=dt.date(2026, 12, 8),
    )
    assert selectors.version_in_force(regulation_code=old.regulation.code, on=dt.date(2026, 12, 8)) == new


def test_disqualification_for():
    from regulations.models import Disqualification

    record = Disqualification.objects.create(
        regulation_code="nanning-ftz-urgent-talent", document_number="E123", reason_code="false-materials"
    )
    assert (
        selectors.disqualification_for(regulation_code="nanning-ftz-urgent-talent", document_number=" e123 ") == record
    )
    assert selectors.disqualification_for(regulation_code="beihai-foreign-talent", document_number="E123") is None
    assert selectors.disqualification_for(regulation_code="nanning-ftz-urgent-talent", document_number="") is None


def test_calendar_seeded_2004_to_2026_with_sanyuesan():
    assert list(CalendarYear.objects.values_list("year", flat=True)) == list(range(2004, 2027))
    sanyuesan = CalendarDay.objects.filter(name="壮族三月三")
    assert sanyuesan.filter(date=dt.date(2024, 4, 11)).exists()
    assert all("三月三" in day.source for day in sanyuesan)
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 10)).kind == CalendarDay.WORKDAY
    # A national adjusted working day is not overridden by the 三月三 rule (2023-04-23 worked for Labour Day).
    assert CalendarDay.objects.get(date=dt.date(2023, 4, 23)).kind == CalendarDay.WORKDAY


def test_loaders_are_idempotent_and_keep_staff_calendar_edits():
    day = CalendarDay.objects.get(date=dt.date(2026, 4, 20))
    day.kind, day.source = CalendarDay.WORKDAY, "staff correction"
    day.save()
    counts = (Criterion.objects.count(), MaterialType.objects.count(), CalendarDay.objects.count())
    load_regulation_data(apps)
    load_calendar(apps)
    call_command("load_regulation_data", stdout=None)
    assert (Criterion.objects.count(), MaterialType.objects.count(), CalendarDay.objects.count()) == counts
    assert CalendarDay.objects.get(date=dt.date(2026, 4, 20)).source == "staff correction"


def test_criterion_params_are_validated_in_the_admin_form():
    from django.core.exceptions import ValidationError

    criterion = Criterion.objects.get(code="NN-II-2")
    criterion.params = {"min_annual_salary_cny": "600000", "colour": 1}
    with pytest.raises(ValidationError):
        criterion.full_clean()
