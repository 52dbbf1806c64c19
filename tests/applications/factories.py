"""Helpers for portal tests: files of each kind, and applications filled as an applicant would."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from applications import services
from tests.factories import OrganisationFactory, employer_user, make_credit_code, talent_user

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf(name="scan.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_bytes(size=(40, 50), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def png(name="photo.png", size=(40, 50)):
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "blue").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


BEIHAI_FIELDS = {
    "full_name": "John Smith",
    "sex": "M",
    "nationality": "GB",
    "birth_date": dt.date(1980, 5, 2),
    "document_type": "passport",
    "document_number": "GB1234567",
    "position": "首席工程师",
    "permit_valid_from": dt.date(2025, 1, 1),
    "permit_valid_until": dt.date(2028, 3, 31),
    "unit_contact_name": "王经理",
    "unit_contact_phone": "0779-1234567",
}
BEIHAI_FACTS = {"work_permit_class": "A", "work_permit_issued_by_beihai": True}


def beihai_draft(employer=None, *, fields=None, facts=None, criterion="BH-1"):
    from regulations.models import Criterion

    employer = employer or employer_user()
    application = services.application_create(regulation_code="beihai-foreign-talent", by=employer)
    services.application_save_draft(
        application=application,
        fields={**BEIHAI_FIELDS, **(fields or {})},
        facts={**BEIHAI_FACTS, **(facts or {})},
        by=employer,
    )
    if criterion:
        services.application_save_draft(
            application=application,
            fields={"criterion": Criterion.objects.get(version=application.regulation_version, code=criterion)},
            facts={},
            by=employer,
        )
    return application


def upload_all(application, by):
    for code in application.required_material_codes():
        services.material_upload(application=application, material_code=code, uploaded=pdf(f"{code}.pdf"), by=by)


def nanning_organisation(n=900):
    from regulations.models import DirectoryEnterprise

    organisation = OrganisationFactory(
        name="南宁测试科技有限公司", credit_code=make_credit_code(n), in_beihai=False, in_nanning_ftz=True
    )
    DirectoryEnterprise.objects.create(
        name=organisation.name, credit_code=organisation.credit_code, joined_on=dt.date(2022, 3, 1)
    )
    return organisation


def nanning_fields(today=None):
    return {
        "full_name": "李明",
        "sex": "M",
        "nationality": "CN",
        "native_place": "广西南宁",
        "birth_date": dt.date(1990, 3, 1),
        "document_type": "id_card",
        "document_number": "450102199003011234",
        "phone": "13800000000",
        "email": "liming@example.com",
        "employer_address": "南宁市良庆区",
        "full_time": True,
        "position": "研发工程师",
        "county": "良庆区",
        "highest_education": "doctorate",
        "highest_degree": "doctorate",
        "contract_start": dt.date(2024, 3, 1),
        "contract_end": dt.date(2029, 2, 28),
        "education_and_work_history": "2008-2012 广西大学；2012-2018 清华大学博士；2018- 工程师",
    }


def nanning_facts(conditions_met_on=None):
    from django.utils import timezone

    met = conditions_met_on or (timezone.localdate() - dt.timedelta(days=30))
    return {
        "civil_service": False,
        "hired_on": "2024-03-01",
        "role": "tech_backbone",
        "conditions_met_on": met.isoformat(),
        "social_insurance_months": 12,
        "attests_law_abiding": True,
        "attests_professional_ethics": True,
        "attests_health": True,
    }


def nanning_draft(talent=None, organisation=None, *, criterion="NN-II-3", facts=None):
    from regulations.models import Criterion

    talent = talent or talent_user()
    organisation = organisation or nanning_organisation()
    application = services.application_create(
        regulation_code="nanning-ftz-urgent-talent", by=talent, organisation=organisation
    )
    services.application_save_draft(
        application=application, fields=nanning_fields(), facts=facts or nanning_facts(), by=talent
    )
    if criterion:
        services.application_save_draft(
            application=application,
            fields={"criterion": Criterion.objects.get(version=application.regulation_version, code=criterion)},
            facts={},
            by=talent,
        )
    return application
