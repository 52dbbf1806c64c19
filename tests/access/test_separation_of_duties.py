"""Separation of duties: nobody reviews, is consulted on, decides or issues a file of an organisation they
belong to, nor a file about themselves. The rule lives in applications.access; every staff act asks it."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import access
from applications import states as s
from applications.services import TransitionRefused
from certificates.services import certificate_issue
from reviews import services
from reviews.models import Consultation
from tests.factories import UserFactory, staff_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db


def test_a_reviewer_employed_by_the_applicant_neither_sees_nor_accepts_its_file(client):
    application = make_application(state=s.SUBMITTED)
    insider = staff_user(roles.BEIHAI_SCITECH_REVIEWER, organisation=application.organisation)
    outsider = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    assert access.staff_roles_for(outsider, application) == {roles.BEIHAI_SCITECH_REVIEWER}
    assert access.staff_roles_for(insider, application) == frozenset()

    client.force_login(insider)
    assert client.get(reverse("reviews:application", args=[application.pk])).status_code == 404
    queue = client.get(reverse("reviews:queue"), {"scope": "all"}).context["rows"]
    assert application not in [row[0] for row in queue]
    with pytest.raises(TransitionRefused) as refused:
        services.review_accept(application=application, by=insider)
    assert refused.value.code == "forbidden"
    application.refresh_from_db()
    assert application.state == s.SUBMITTED

    services.review_accept(application=application, by=outsider)
    assert application.state == s.CONSULTATION


def test_an_employer_user_who_is_also_an_approver_cannot_approve_or_issue_for_the_employer(client):
    application = make_application(state=s.AWAITING_DECISION)
    both = UserFactory(organisation=application.organisation, roles=[roles.EMPLOYER, roles.BEIHAI_SCITECH_APPROVER])
    client.force_login(both)
    # As the employer the file is theirs to follow in the portal …
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
    # … but never to decide.
    assert client.get(reverse("reviews:application", args=[application.pk])).status_code == 404
    with pytest.raises(TransitionRefused):
        services.decision_approve(application=application, by=both)
    recognised = make_application(state=s.RECOGNISED, organisation=application.organisation)
    with pytest.raises(TransitionRefused):
        certificate_issue(application=recognised, by=both)
    assert not recognised.certificates.exists()


def test_a_consulted_department_officer_from_the_applicant_does_not_answer_for_the_department():
    application = make_application(state=s.CONSULTATION)
    (consultation,) = consult(application, "beihai-public-security")
    insider = department_user("beihai-public-security")
    insider.organisation = application.organisation
    insider.save()
    assert not services.can_answer_consultation(consultation, insider)
    with pytest.raises(TransitionRefused):
        services.consultation_answer(consultation=consultation, by=insider, opinion="agree")
    assert Consultation.objects.get(pk=consultation.pk).answered_at is None
    colleague = department_user("beihai-public-security")
    services.consultation_answer(consultation=consultation, by=colleague, opinion="agree")


def test_nobody_decides_a_file_about_themselves():
    talent_and_committee = UserFactory(roles=[roles.TALENT, roles.NANNING_COMMITTEE_APPROVER])
    application = make_application("nanning-ftz-urgent-talent", s.AWAITING_DECISION, talent=talent_and_committee)
    assert access.is_owner(talent_and_committee, application)
    assert access.staff_roles_for(talent_and_committee, application) == frozenset()
    with pytest.raises(TransitionRefused):
        services.decision_approve(application=application, by=talent_and_committee)
    application.refresh_from_db()
    assert application.state == s.AWAITING_DECISION
