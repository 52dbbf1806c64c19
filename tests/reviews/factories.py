"""Applications in any review state, built directly (tests only set the protected state field)."""

import datetime

from django.core.files.base import ContentFile

from accounts import roles
from accounts.models import Department
from applications import states as s
from applications.models import Application, Material
from regulations.codes import BEIHAI, NANNING
from regulations.models import Criterion, RegulationVersion
from reviews.models import Consultation
from tests.factories import OrganisationFactory, UserFactory, employer_user, talent_user

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def version_for(regulation_code):
    return RegulationVersion.objects.filter(regulation__code=regulation_code).order_by("-effective_from").first()


def add_required_materials(application):
    for code in application.required_material_codes():
        material = Material(
            application=application,
            material_code=code,
            original_name=f"{code}.pdf",
            content_type="application/pdf",
            size=len(TINY_PDF),
            sha256="0" * 64,
            uploaded_by=application.created_by,
        )
        material.file.save(f"{code}.pdf", ContentFile(TINY_PDF), save=False)
        material.save()


def make_application(regulation_code=BEIHAI, state=s.SUBMITTED, *, criterion_code=None, materials=True, **fields):
    version = version_for(regulation_code)
    criterion_code = criterion_code or ("BH-1" if regulation_code == BEIHAI else "NN-II-3")
    criterion = Criterion.objects.get(version=version, code=criterion_code)
    organisation = fields.pop("organisation", None) or OrganisationFactory(
        in_beihai=regulation_code == BEIHAI, in_nanning_ftz=regulation_code == NANNING
    )
    employer = fields.pop("employer", None) or employer_user(organisation)
    talent = fields.pop("talent", None)
    if regulation_code == NANNING and talent is None:
        talent = talent_user()
    defaults = {
        "full_name": "约翰·史密斯 John Smith" if regulation_code == BEIHAI else "李喆堃",
        "sex": "M",
        "nationality": "GB" if regulation_code == BEIHAI else "CN",
        "birth_date": datetime.date(1985, 4, 2),
        "document_type": "passport" if regulation_code == BEIHAI else "id_card",
        "document_number": "E12345678" if regulation_code == BEIHAI else "450103198504021230",
        "email": "applicant@example.com",
        "position": "首席工程师",
        "permit_valid_from": datetime.date(2025, 1, 1),
        "permit_valid_until": datetime.date.today() + datetime.timedelta(days=700),
        "condition_statement": "持有A类工作许可",
    }
    defaults.update(fields)
    application = Application.objects.create(
        regulation_version=version,
        organisation=organisation,
        created_by=employer if regulation_code == BEIHAI else talent,
        talent=talent,
        criterion=criterion,
        state=state,
        **defaults,
    )
    if materials:
        add_required_materials(application)
    return application


def department(code):
    return Department.objects.get(code=code)


def department_user(code, role=None):
    role = role or {
        "beihai-approval-bureau": roles.BEIHAI_APPROVAL_BUREAU,
        "beihai-public-security": roles.BEIHAI_PUBLIC_SECURITY,
    }.get(code, roles.BEIHAI_CONSULTED_DEPARTMENT)
    return UserFactory(roles=[role], department=department(code))


def consult(application, *codes, answered=False, requested_by=None):
    requested_by = requested_by or application.created_by
    rows = []
    for code in codes:
        rows.append(
            Consultation.objects.create(
                application=application,
                department=department(code),
                requested_by=requested_by,
                opinion="agree" if answered else "",
                answered_at=datetime.datetime.now(datetime.UTC) if answered else None,
            )
        )
    return rows
