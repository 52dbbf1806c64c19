"""Applications ready for a certificate, built directly (the review workflow is tested in tests/reviews)."""

import datetime

from django.utils import timezone

from accounts import roles
from applications import states as s
from applications.models import Application, TransitionLog
from regulations.codes import BEIHAI, NANNING
from regulations.models import Criterion, RegulationVersion
from tests.factories import OrganisationFactory, UserFactory, employer_user, staff_user, talent_user


def _version(regulation_code):
    return RegulationVersion.objects.filter(regulation__code=regulation_code).order_by("-effective_from").first()


def recognised_application(regulation_code=BEIHAI, *, state=s.RECOGNISED, criterion_code=None, **fields):
    version = _version(regulation_code)
    criterion_code = criterion_code or ("BH-1" if regulation_code == BEIHAI else "NN-II-3")
    criterion = Criterion.objects.filter(version=version, code=criterion_code).first()
    organisation = fields.pop("organisation", None) or OrganisationFactory(in_nanning_ftz=regulation_code == NANNING)
    creator = fields.pop("created_by", None) or employer_user(organisation)
    defaults = {
        "full_name": "约翰·史密斯 John Smith",
        "sex": "M",
        "nationality": "GB",
        "birth_date": datetime.date(1985, 4, 2),
        "document_type": "passport",
        "document_number": "E12345678",
        "phone": "13800000000",
        "email": "john@example.com",
        "position": "首席工程师",
        "employer_address": organisation.address,
        "permit_valid_from": datetime.date(2025, 1, 1),
        "permit_valid_until": timezone.localdate() + datetime.timedelta(days=700),
        "condition_statement": "持有北海市行政审批局颁发的A类《外国人工作许可证》",
    }
    defaults.update(fields)
    application = Application(
        regulation_version=version,
        organisation=organisation,
        created_by=creator,
        criterion=criterion,
        state=state,  # tests only: set directly instead of walking the review workflow
        **defaults,
    )
    application.save()
    return application


def nanning_application(tier="II", recognised_at=None, **fields):
    criterion_code = {"I": "NN-I-2", "II": "NN-II-3", "III": "NN-III-1"}[tier]
    talent = fields.pop("talent", None) or talent_user(full_name="李喆堃")
    fields.setdefault("full_name", "李喆堃")
    fields.setdefault("nationality", "CN")
    fields.setdefault("document_type", "id_card")
    fields.setdefault("document_number", "450103198504021230")
    fields.setdefault("permit_valid_until", None)
    application = recognised_application(NANNING, criterion_code=criterion_code, talent=talent, **fields)
    TransitionLog.objects.create(
        application=application,
        transition=s.T_CLOSE_NOTICE,
        from_state=s.PUBLIC_NOTICE,
        to_state=s.RECOGNISED,
        at=recognised_at or timezone.now(),
    )
    return application


def beihai_issuer():
    return staff_user(roles.BEIHAI_SCITECH_APPROVER)


def nanning_issuer():
    return staff_user(roles.NANNING_COMMITTEE_APPROVER)


__all__ = ["UserFactory", "recognised_application", "nanning_application", "beihai_issuer", "nanning_issuer"]
