"""One file of each kind in each relevant state, and a user for every role, built once for a test module.

Cases (regulation × state): a Beihai draft, file under consultation (Public Security consulted), refused
file under appeal, certified file; a Nanning draft, file with the talent bureau, file under public notice
(with an objection), certified Tier I file. Roles: anonymous, another employer, another talent, the file's
own employer and talent, every staff role (consulted departments consulted and not), the auditor, and a
reviewer who belongs to the file's own organisation (separation of duties).
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import roles
from applications import states as s
from certificates.models import ChildEnrolmentRequest
from certificates.services import certificate_issue
from regulations.codes import BEIHAI, NANNING
from reviews.models import Appeal, Objection
from tests.factories import OrganisationFactory, employer_user, staff_user, talent_user
from tests.reviews.factories import consult, department_user, make_application

ANONYMOUS = "anonymous"
OTHER_EMPLOYER = "other_employer"
OTHER_TALENT = "other_talent"
OWN_EMPLOYER = "own_employer"
OWN_TALENT = "own_talent"
BH_REVIEWER = "bh_reviewer"
BH_APPROVER = "bh_approver"
BH_SECURITY = "bh_public_security"  # consulted on the file under consultation; joint re-review on appeals
BH_APPROVAL_BUREAU = "bh_approval_bureau"  # never consulted here; joint re-review on appeals
BH_HEALTH = "bh_health_dept"  # a consulted-department role, never consulted here
NN_REVIEWER = "nn_reviewer"
NN_COMMITTEE = "nn_committee"
NN_LEADERSHIP = "nn_leadership"
AUDITOR = "auditor"
OWN_ORG_REVIEWER = "reviewer_of_own_org"  # the first reviewer of the file's regulation, employed by its organisation

ROLES = [
    ANONYMOUS,
    OTHER_EMPLOYER,
    OTHER_TALENT,
    OWN_EMPLOYER,
    OWN_TALENT,
    BH_REVIEWER,
    BH_APPROVER,
    BH_SECURITY,
    BH_APPROVAL_BUREAU,
    BH_HEALTH,
    NN_REVIEWER,
    NN_COMMITTEE,
    NN_LEADERSHIP,
    AUDITOR,
    OWN_ORG_REVIEWER,
]

BH_DRAFT = "bh_draft"
BH_REVIEW = "bh_consultation"
BH_APPEAL = "bh_refused_appealed"
BH_CERTIFIED = "bh_certified"
NN_DRAFT = "nn_draft"
NN_REVIEW = "nn_recommended"
NN_NOTICE = "nn_public_notice"
NN_CERTIFIED = "nn_certified"
CASES = [BH_DRAFT, BH_REVIEW, BH_APPEAL, BH_CERTIFIED, NN_DRAFT, NN_REVIEW, NN_NOTICE, NN_CERTIFIED]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class Case:
    application: object
    employer: object
    talent: object
    own_org_reviewer: object
    certificate: object = None
    consultation: object = None
    appeal: object = None
    objection: object = None
    material: object = None
    receipt: object = None
    service_request: object = None
    service_material: object = None
    licence: object = None  # the organisation's business licence on file (the file under consultation only)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)

    def user(self, role, case):
        if role == ANONYMOUS:
            return None
        c = self.cases[case]
        return {OWN_EMPLOYER: c.employer, OWN_TALENT: c.talent, OWN_ORG_REVIEWER: c.own_org_reviewer}.get(
            role
        ) or self.users[role]


def _case(regulation, state, *, criterion_code=None, **fields) -> Case:
    organisation = OrganisationFactory(in_beihai=regulation == BEIHAI, in_nanning_ftz=regulation == NANNING)
    employer = employer_user(organisation)
    talent = talent_user()
    application = make_application(
        regulation,
        state,
        criterion_code=criterion_code,
        organisation=organisation,
        employer=employer,
        talent=talent,
        **fields,
    )
    reviewer_role = roles.BEIHAI_SCITECH_REVIEWER if regulation == BEIHAI else roles.NANNING_TALENT_BUREAU_REVIEWER
    case = Case(
        application=application,
        employer=employer,
        talent=talent,
        own_org_reviewer=staff_user(reviewer_role, organisation=organisation),
    )
    case.material = application.materials.first()
    case.receipt = _receipt(application, employer if regulation == BEIHAI else talent)
    return case


def _licence(case: Case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.services import organisation_licence_upload

    return organisation_licence_upload(
        organisation=case.application.organisation,
        uploaded=SimpleUploadedFile("营业执照.pdf", PDF, content_type="application/pdf"),
        by=case.employer,
    )


def _receipt(application, submitted_by):
    from django.utils import timezone

    from applications.models import Receipt

    return Receipt.objects.create(
        application=application,
        number=f"{application.reference}-R",
        transition="submit",
        received_at=timezone.now(),
        received_on=timezone.localdate(),
        submitted_by=submitted_by,
    )


def build_world() -> World:
    world = World()
    world.users = {
        OTHER_EMPLOYER: employer_user(),
        OTHER_TALENT: talent_user(),
        BH_REVIEWER: staff_user(roles.BEIHAI_SCITECH_REVIEWER),
        BH_APPROVER: staff_user(roles.BEIHAI_SCITECH_APPROVER),
        BH_SECURITY: department_user("beihai-public-security"),
        BH_APPROVAL_BUREAU: department_user("beihai-approval-bureau"),
        BH_HEALTH: department_user("beihai-health"),
        NN_REVIEWER: staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER),
        NN_COMMITTEE: staff_user(roles.NANNING_COMMITTEE_APPROVER),
        NN_LEADERSHIP: staff_user(roles.NANNING_LEADERSHIP_GROUP),
        AUDITOR: staff_user(roles.AUDITOR),
    }
    today = timezone.localdate()

    world.cases[BH_DRAFT] = _case(BEIHAI, s.DRAFT)

    review = world.cases[BH_REVIEW] = _case(BEIHAI, s.CONSULTATION, due_on=today + datetime.timedelta(days=7))
    review.licence = _licence(review)
    review.consultation = consult(review.application, "beihai-public-security", requested_by=world.users[BH_REVIEWER])[
        0
    ]

    appeal = world.cases[BH_APPEAL] = _case(BEIHAI, s.REFUSED, result_notified_on=today)
    appeal.appeal = Appeal.objects.create(
        application=appeal.application,
        filed_by=appeal.employer,
        grounds="工作许可证确为北海市行政审批局颁发。",
        result_received_on=today,
        due_on=today + datetime.timedelta(days=21),
    )

    certified = world.cases[BH_CERTIFIED] = _case(BEIHAI, s.RECOGNISED)
    certified.certificate = certificate_issue(application=certified.application, by=world.users[BH_APPROVER])
    ChildEnrolmentRequest.objects.create(
        application=certified.application,
        parent_name="John Smith",
        parent_passport="E12345678",
        employer_name=certified.application.organisation.name,
        phone="13800000000",
        employer_address="北海市海城区",
        home_address="北海市银海区",
        created_by=certified.employer,
    )

    world.cases[NN_DRAFT] = _case(NANNING, s.DRAFT)
    world.cases[NN_REVIEW] = _case(NANNING, s.RECOMMENDED)

    notice = world.cases[NN_NOTICE] = _case(
        NANNING, s.PUBLIC_NOTICE, notice_starts_on=today, notice_ends_on=today + datetime.timedelta(days=7)
    )
    objection = Objection(application=notice.application, name="王某", contact="13900000000", reason="学历存疑。")
    objection.evidence.save("evidence.pdf", ContentFile(PDF), save=False)
    objection.evidence_name, objection.evidence_content_type, objection.evidence_size = "证据.pdf", "application/pdf", 1
    objection.save()
    notice.objection = objection

    nn_certified = world.cases[NN_CERTIFIED] = _case(NANNING, s.RECOGNISED, criterion_code="NN-I-2")
    nn_certified.application.transition_logs.create(
        transition=s.T_CLOSE_NOTICE, from_state=s.PUBLIC_NOTICE, to_state=s.RECOGNISED, at=timezone.now()
    )
    nn_certified.certificate = certificate_issue(application=nn_certified.application, by=world.users[NN_COMMITTEE])
    _service_request(nn_certified)
    return world


def _service_request(case: Case) -> None:
    """A benefit service request (Nanning children's schooling) submitted by the talent, with its material."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from benefits import services as benefit_services
    from benefits import states as rs
    from regulations.models import Benefit

    benefit = Benefit.objects.get(regulation__code=NANNING, code="children-schooling")
    request = benefit_services.service_request_start(application=case.application, benefit=benefit, by=case.talent)
    case.service_material = benefit_services.service_material_upload(
        request=request,
        material_code="id-document",
        uploaded=SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf"),
        by=case.talent,
    )
    case.service_request = benefit_services.service_request_transition(
        request=request, transition=rs.T_SUBMIT, by=case.talent
    )
