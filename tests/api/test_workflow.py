"""Transitions and consultation opinions through the API: the console's and the portal's services and rules."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import states as s
from applications.models import Application
from tests.api.conftest import assert_error
from tests.applications.factories import beihai_draft, nanning_draft, upload_all
from tests.factories import employer_user, staff_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db


def url(name, pk):
    return reverse(f"api:{name}", args=[pk])


def codes(response):
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()]


def take(client, application, transition, **body):
    return client.post(url("transitions", application.pk), {"transition": transition, **body})


# ---------------------------------------------------------------- what may be done now


def test_an_employer_may_withdraw_a_draft_and_submit_it_once_materials_are_there(api):
    application = beihai_draft()
    client = api(application.created_by)
    assert codes(client.get(url("transitions", application.pk))) == [s.T_WITHDRAW]
    upload_all(application, application.created_by)
    listed = client.get(url("transitions", application.pk)).json()
    assert [row["code"] for row in listed] == [s.T_SUBMIT, s.T_WITHDRAW]
    assert listed[0]["fields"] == ["pledge", "pledge_name"]


def test_a_reviewer_sees_the_consoles_actions(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    listed = {row["code"]: row for row in reviewer.get(url("transitions", application.pk)).json()}
    assert set(listed) == {s.T_ACCEPT, s.T_RETURN, s.T_REFUSE}
    assert listed[s.T_RETURN]["reason_required"] is True and "reason" in listed[s.T_RETURN]["fields"]
    assert "departments" in listed[s.T_ACCEPT]["fields"]
    # The approver has nothing to do with a file before the review.
    assert codes(api(staff_user(roles.BEIHAI_SCITECH_APPROVER)).get(url("transitions", application.pk))) == []


# ---------------------------------------------------------------- taking one


def test_a_reviewer_accepts_and_consults_a_further_department_by_code(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    response = take(api(reviewer), application, s.T_ACCEPT, departments=["beihai-health"], comment="材料齐全")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == s.CONSULTATION and response.json()["accepted_on"]
    consulted = set(application.consultations.values_list("department__code", flat=True))
    assert consulted == {"beihai-approval-bureau", "beihai-public-security", "beihai-health"}
    log = application.transition_logs.get()
    assert (log.transition, log.by, log.comment) == (s.T_ACCEPT, reviewer, "材料齐全")


def test_an_unknown_department_code_is_a_field_error(api):
    application = make_application(state=s.SUBMITTED)
    response = take(api(staff_user(roles.BEIHAI_SCITECH_REVIEWER)), application, s.T_ACCEPT, departments=["nowhere"])
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["departments"]
    application.refresh_from_db()
    assert application.state == s.SUBMITTED


def test_a_return_needs_its_reason(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER), language="en")
    # 行政许可法 Art. 32(4): everything to correct is told at once, as a numbered list.
    body = assert_error(take(reviewer, application, s.T_RETURN), 400, "invalid")
    assert "List everything to be corrected" in " ".join(body["fields"]["non_field_errors"])
    response = take(reviewer, application, s.T_RETURN, reason="护照复印件不清晰")
    assert response.json()["state"] == s.RETURNED
    assert application.transition_logs.get().reason == "1. 护照复印件不清晰"


def test_the_wrong_role_is_403_and_the_wrong_state_is_409(api):
    application = make_application(state=s.SUBMITTED)
    approver = api(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    assert_error(take(approver, application, s.T_ACCEPT), 403, "forbidden")
    assert_error(take(approver, application, s.T_APPROVE), 409, "wrong_state")
    application.refresh_from_db()
    assert application.state == s.SUBMITTED


def test_an_unmet_condition_is_409_with_the_reason(api):
    application = make_application(state=s.CONSULTATION)
    consult(application, "beihai-approval-bureau")
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert_error(take(reviewer, application, s.T_FINISH_CONSULTATION), 409, "condition")


def test_an_applicant_cannot_take_a_staff_transition(api):
    application = make_application(state=s.SUBMITTED)
    assert_error(take(api(application.created_by), application, s.T_ACCEPT), 403, "forbidden")


def test_transitions_that_only_happen_inside_other_actions_are_refused(api):
    application = make_application(state=s.CERTIFIED)
    approver = api(staff_user(roles.BEIHAI_SCITECH_APPROVER))
    body = assert_error(take(approver, application, s.T_EXPIRE), 400, "not_direct")
    assert list(body["fields"]) == ["transition"]


def test_an_employer_withdraws_with_a_reason(api):
    application = beihai_draft()
    response = take(api(application.created_by), application, s.T_WITHDRAW, reason="员工已离职")
    assert response.json()["state"] == s.WITHDRAWN
    assert application.transition_logs.get().reason == "员工已离职"


def test_submitting_through_the_transition_endpoint_is_the_same_submission(api):
    application = beihai_draft()
    upload_all(application, application.created_by)
    client = api(application.created_by)
    assert_error(take(client, application, s.T_SUBMIT, pledge=True), 400, "invalid")
    response = take(client, application, s.T_SUBMIT, pledge=True, pledge_name="John Smith")
    assert response.json()["state"] == s.SUBMITTED
    application.refresh_from_db()
    assert application.pledge_name == "John Smith"


def test_the_nanning_employer_recommends_with_its_opinion(api):
    application = nanning_draft()
    upload_all(application, application.talent)
    talent = api(application.talent)
    assert take(talent, application, s.T_SUBMIT, pledge=True, pledge_name="李明").json()["state"] == s.SUBMITTED
    employer = api(employer_user(application.organisation))
    assert s.T_EMPLOYER_RECOMMEND in codes(employer.get(url("transitions", application.pk)))
    assert_error(take(employer, application, s.T_EMPLOYER_RECOMMEND), 400, "reason_required")
    response = take(employer, application, s.T_EMPLOYER_RECOMMEND, comment="同意推荐")
    assert response.json()["state"] == s.RECOMMENDED
    assert Application.objects.get(pk=application.pk).employer_attested_at is not None


def test_the_timeline_hides_internal_entries_from_the_applicant(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    take(api(reviewer), application, s.T_RETURN, reason="请补充材料")
    log = application.transition_logs.get()
    log.visible_to_applicant = False  # as an internal console entry is recorded
    log.save()
    assert api(application.created_by).get(url("timeline", application.pk)).json()["count"] == 0
    staff_view = api(reviewer).get(url("timeline", application.pk)).json()
    assert [row["transition"] for row in staff_view["results"]] == [s.T_RETURN]


# ---------------------------------------------------------------- consultation opinions


def test_a_consulted_department_answers_once(api):
    application = make_application(state=s.CONSULTATION)
    (consultation,) = consult(application, "beihai-public-security")
    officer = api(department_user("beihai-public-security"))
    consult(application, "beihai-health")
    pending = officer.get(reverse("api:consultations"), pending="true", department="beihai-public-security").json()
    assert [row["id"] for row in pending["results"]] == [consultation.pk]
    opinion = reverse("api:consultation-opinion", args=[consultation.pk])
    assert "comment" in assert_error(officer.post(opinion, {"opinion": "disagree"}), 400, "invalid")["fields"]
    response = officer.post(opinion, {"opinion": "agree", "comment": "无违法犯罪记录"})
    assert response.status_code == 200 and response.json()["is_answered"] is True
    consultation.refresh_from_db()
    assert consultation.opinion == "agree" and consultation.answered_by.department.code == "beihai-public-security"
    assert_error(officer.post(opinion, {"opinion": "agree"}), 409, "conflict")
    assert (
        officer.get(reverse("api:consultations"), pending="true", department="beihai-public-security").json()["count"]
        == 0
    )


def test_another_department_may_not_answer_and_strangers_do_not_see_it(api):
    application = make_application(state=s.CONSULTATION)
    (consultation,) = consult(application, "beihai-public-security")
    opinion = reverse("api:consultation-opinion", args=[consultation.pk])
    other = api(department_user("beihai-health"))
    assert_error(other.post(opinion, {"opinion": "agree"}), 404, "not_found")
    consult(application, "beihai-health")
    assert_error(other.post(opinion, {"opinion": "agree"}), 403, "forbidden")
    assert_error(api(employer_user()).post(opinion, {"opinion": "agree"}), 404, "not_found")
    consultation.refresh_from_db()
    assert consultation.answered_at is None


def test_a_refusal_for_fraud_carries_its_consequences_as_on_the_console(api):
    from regulations.models import Disqualification
    from regulations.policies import policy_for

    application = make_application(state=s.SUBMITTED)
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    listed = {row["code"]: row["fields"] for row in reviewer.get(url("transitions", application.pk)).json()}
    assert "fraud_code" in listed[s.T_REFUSE]
    # The console form's rule: a consequence of fraud needs the kind of fraud.
    half = take(reviewer, application, s.T_REFUSE, reason="护照系伪造", disqualify_person=True)
    assert "fraud_code" in assert_error(half, 400, "invalid")["fields"]
    fraud_code = policy_for(application).fraud_reasons[0]
    response = take(
        reviewer, application, s.T_REFUSE, reason="护照系伪造", disqualify_person=True, fraud_code=fraud_code
    )
    assert response.json()["state"] == s.REFUSED
    assert Disqualification.objects.filter(document_number=application.document_number).exists()


def test_unknown_members_of_a_transition_body_are_refused(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    body = assert_error(take(reviewer, application, s.T_RETURN, reason="x", reasons="typo"), 400, "invalid")
    assert list(body["fields"]) == ["reasons"]
