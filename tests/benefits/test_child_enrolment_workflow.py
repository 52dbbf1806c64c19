"""Beihai 附件3 三: 市科技局受理时间：每年6月1日-6月25日 … 审核同意后，在申请表上盖科技局公章，一份由市科技局存档，
一份送属地教育行政部门 (the form's note: 于每年7月5日前统一送到…教育行政部门). The employer files it with uploads;
SciTech reviews and stamps; the employer follows the status and downloads the stamped form."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from accounts import roles
from benefits import states as rs
from benefits.selectors import forward_overdue
from benefits.services import (
    ServiceRefused,
    service_material_upload,
    service_request_start,
    service_request_transition,
)
from certificates.models import ChildEnrolmentRequest, EnrolmentChild
from certificates.services import certificate_issue
from regulations.models import Benefit
from tests.applications.factories import pdf
from tests.certificates.factories import beihai_issuer, recognised_application
from tests.factories import employer_user, staff_user

pytestmark = pytest.mark.django_db

JUNE_1 = datetime.date(2027, 6, 1)


@pytest.fixture
def application():
    application = recognised_application(permit_valid_until=datetime.date(2029, 12, 31))
    certificate_issue(application=application, by=beihai_issuer())
    return application


@pytest.fixture
def benefit():
    return Benefit.objects.get(regulation__code="beihai-foreign-talent", code="children-enrolment")


def _form_with_one_child(application):
    form = ChildEnrolmentRequest.objects.create(
        application=application,
        parent_name="John Smith",
        parent_passport="E12345678",
        employer_name=application.organisation.name,
        phone="13800000000",
        employer_address="北海市",
        home_address="北海市银海区",
        created_by=application.created_by,
    )
    EnrolmentChild.objects.create(
        request=form,
        name="Amy Smith",
        sex="F",
        birth_month=datetime.date(2019, 3, 1),
        requested_school="北海市第一小学 二年级",
    )
    return form


def _ready_request(application, benefit, today=JUNE_1):
    request = service_request_start(application=application, benefit=benefit, by=application.created_by, today=today)
    for code in ("passport", "child-passport", "guardianship-proof"):
        service_material_upload(
            request=request, material_code=code, uploaded=pdf(f"{code}.pdf"), by=application.created_by
        )
    _form_with_one_child(application)
    return request


@pytest.mark.parametrize(
    "day, accepted",
    [
        (datetime.date(2027, 5, 31), False),
        (datetime.date(2027, 6, 1), True),
        (datetime.date(2027, 6, 25), True),
        (datetime.date(2027, 6, 26), False),
    ],
)
def test_submissions_are_accepted_from_1_to_25_june_only(application, benefit, day, accepted):
    request = _ready_request(application, benefit, today=day)
    if accepted:
        service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=day)
        assert request.state == rs.SUBMITTED
    else:
        with pytest.raises(ServiceRefused) as refused:
            service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=day)
        assert "06-01" in refused.value.messages[0] and "06-25" in refused.value.messages[0]
        request.refresh_from_db()
        assert request.state == rs.DRAFT


def test_every_material_of_the_annex_is_required(application, benefit):
    request = service_request_start(application=application, benefit=benefit, by=application.created_by, today=JUNE_1)
    service_material_upload(request=request, material_code="passport", uploaded=pdf(), by=application.created_by)
    _form_with_one_child(application)
    with pytest.raises(ServiceRefused) as refused:
        service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    assert "子女护照" in refused.value.messages[0]


def test_a_material_outside_the_annex_is_refused(application, benefit):
    request = service_request_start(application=application, benefit=benefit, by=application.created_by, today=JUNE_1)
    with pytest.raises(ServiceRefused):
        service_material_upload(request=request, material_code="photo", uploaded=pdf(), by=application.created_by)


def test_the_form_must_name_a_child(application, benefit):
    request = service_request_start(application=application, benefit=benefit, by=application.created_by, today=JUNE_1)
    for code in ("passport", "child-passport", "guardianship-proof"):
        service_material_upload(request=request, material_code=code, uploaded=pdf(), by=application.created_by)
    with pytest.raises(ServiceRefused):
        service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)


def test_scitech_approves_and_the_stamped_form_is_kept(application, benefit, django_capture_on_commit_callbacks):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    request = _ready_request(application, benefit)
    with django_capture_on_commit_callbacks(execute=True):
        service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    assert reviewer.email in {a for m in mail.outbox for a in m.to}
    with django_capture_on_commit_callbacks(execute=True):
        service_request_transition(request=request, transition=rs.T_APPROVE, by=reviewer, today=JUNE_1)
    request.refresh_from_db()
    assert request.state == rs.APPROVED and request.stamped_pdf
    text = "".join(page.extract_text() for page in PdfReader(request.stamped_pdf.open("rb")).pages)
    assert "审核同意" in text and "北海市科学技术局" in text and "Amy Smith" in text
    assert application.created_by.email in {a for m in mail.outbox for a in m.to}


def test_forwarding_is_due_by_5_july(application, benefit):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    request = _ready_request(application, benefit)
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    service_request_transition(request=request, transition=rs.T_APPROVE, by=reviewer, today=JUNE_1)
    assert not forward_overdue(request, today=datetime.date(2027, 7, 5))
    assert forward_overdue(request, today=datetime.date(2027, 7, 6))
    service_request_transition(request=request, transition=rs.T_FORWARD, by=reviewer)
    assert request.state == rs.FORWARDED and request.forwarded_at
    assert not forward_overdue(request, today=datetime.date(2027, 7, 6))


def test_only_scitech_reviewers_decide(application, benefit):
    request = _ready_request(application, benefit)
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    for user in (application.created_by, staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)):
        with pytest.raises(ServiceRefused):
            service_request_transition(request=request, transition=rs.T_APPROVE, by=user, today=JUNE_1)


def test_a_reviewer_never_decides_for_their_own_organisation(application, benefit):
    insider = staff_user(roles.BEIHAI_SCITECH_REVIEWER, organisation=application.organisation)
    request = _ready_request(application, benefit)
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    with pytest.raises(ServiceRefused):
        service_request_transition(request=request, transition=rs.T_APPROVE, by=insider, today=JUNE_1)


def test_return_needs_a_reason_and_the_employer_can_resubmit(application, benefit):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    request = _ready_request(application, benefit)
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    with pytest.raises(ServiceRefused):
        service_request_transition(request=request, transition=rs.T_RETURN, by=reviewer)
    service_request_transition(request=request, transition=rs.T_RETURN, by=reviewer, reason="公证材料缺少中文翻译件")
    assert request.state == rs.RETURNED
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    assert request.state == rs.SUBMITTED
    assert [row.transition for row in request.log.all()] == [rs.T_SUBMIT, rs.T_RETURN, rs.T_SUBMIT]


def test_another_employer_cannot_see_the_request(client, application, benefit):
    request = _ready_request(application, benefit)
    client.force_login(employer_user())
    assert client.get(reverse("benefits:request", args=[request.pk])).status_code == 404
    material = request.materials.first()
    assert client.get(reverse("benefits:request_material", args=[material.pk])).status_code == 404


def test_the_employer_sees_the_status_and_the_reviewer_the_queue(client, application, benefit):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    request = _ready_request(application, benefit)
    service_request_transition(request=request, transition=rs.T_SUBMIT, by=application.created_by, today=JUNE_1)
    client.force_login(application.created_by)
    body = client.get(reverse("benefits:request", args=[request.pk])).content.decode()
    assert 'data-state="submitted"' in body
    client.force_login(reviewer)
    queue = client.get(reverse("benefits:staff_requests")).content.decode()
    assert request.reference in queue
    response = client.post(reverse("benefits:staff_request", args=[request.pk]), {"action": "approve", "reason": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == rs.APPROVED
