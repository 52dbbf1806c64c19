"""Applications through the API: the portal's rules, the portal's visibility, one error shape."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications import states as s
from applications.models import Application
from tests.api.conftest import assert_error
from tests.applications.factories import beihai_draft, nanning_draft, nanning_organisation, pdf, upload_all
from tests.factories import employer_user, staff_user, talent_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db
LIST = reverse("api:applications")

BEIHAI_JSON = {
    "full_name": "John Smith",
    "sex": "M",
    "nationality": "GB",
    "birth_date": "1980-05-02",
    "document_type": "passport",
    "document_number": "GB1234567",
    "position": "首席工程师",
    "permit_valid_from": "2025-01-01",
    "permit_valid_until": "2028-03-31",
    "unit_contact_name": "王经理",
    "unit_contact_phone": "0779-1234567",
    "work_permit_class": "A",
    "work_permit_issued_by_beihai": True,
}


def url(name, application):
    return reverse(f"api:{name}", args=[application.pk])


# ---------------------------------------------------------------- create


def test_an_employer_opens_a_beihai_draft(api):
    employer = employer_user()
    response = api(employer).post(LIST, {"regulation": "beihai-foreign-talent"})
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == s.DRAFT and body["regulation"] == "beihai-foreign-talent"
    assert body["organisation"]["credit_code"] == employer.organisation.credit_code
    application = Application.objects.get(pk=body["id"])
    assert application.created_by == employer and application.reference == body["reference"]


def test_a_talent_opens_a_nanning_draft_naming_the_employer(api):
    organisation = nanning_organisation()
    talent = talent_user()
    response = api(talent).post(
        LIST, {"regulation": "nanning-ftz-urgent-talent", "organisation_credit_code": organisation.credit_code}
    )
    assert response.status_code == 201
    application = Application.objects.get(pk=response.json()["id"])
    assert application.talent == talent and application.organisation == organisation


def test_a_nanning_draft_needs_a_registered_employer(api):
    response = api(talent_user()).post(
        LIST, {"regulation": "nanning-ftz-urgent-talent", "organisation_credit_code": "91450500000000999X"}
    )
    body = assert_error(response, 400, "invalid")
    assert "organisation_credit_code" in body["fields"]
    assert not Application.objects.exists()


def test_a_talent_may_not_open_a_beihai_file(api):
    response = api(talent_user()).post(LIST, {"regulation": "beihai-foreign-talent"})
    assert_error(response, 403, "forbidden")


def test_an_unknown_regulation_is_a_field_error(api):
    body = assert_error(api(employer_user()).post(LIST, {"regulation": "shenzhen"}), 400, "invalid")
    assert list(body["fields"]) == ["regulation"]


# ---------------------------------------------------------------- read, list, visibility


def test_another_organisations_application_is_404(api):
    application = beihai_draft()
    stranger = api(employer_user())
    for name in ("application", "materials", "transitions", "timeline", "application-consultations"):
        assert_error(stranger.get(url(name, application)), 404, "not_found")
    assert_error(stranger.patch(url("application", application), {"full_name": "X"}), 404, "not_found")
    assert_error(stranger.post(url("application-submit", application), {}), 404, "not_found")
    assert stranger.get(LIST).json()["count"] == 0


def test_the_owner_reads_it(api):
    application = beihai_draft()
    body = api(application.created_by).get(url("application", application)).json()
    assert body["reference"] == application.reference and body["criterion"] == "BH-1"
    assert body["facts"]["work_permit_class"] == "A"


def test_a_nanning_draft_is_the_talents_own_until_sent(api):
    application = nanning_draft()
    employer = employer_user(application.organisation)
    assert_error(api(employer).get(url("application", application)), 404, "not_found")
    assert api(application.talent).get(url("application", application)).status_code == 200


def test_staff_see_their_regulations_files_but_not_drafts(api):
    beihai = make_application(state=s.SUBMITTED)
    draft = beihai_draft()
    nanning = make_application("nanning-ftz-urgent-talent", state=s.RECOMMENDED)
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    ids = [row["id"] for row in reviewer.get(LIST).json()["results"]]
    assert ids == [beihai.pk]
    assert_error(reviewer.get(url("application", draft)), 404, "not_found")
    assert_error(reviewer.get(url("application", nanning)), 404, "not_found")


def test_lists_filter_by_state_regulation_and_updated_since(api):
    employer = employer_user()
    organisation = employer.organisation
    submitted = make_application(state=s.SUBMITTED, organisation=organisation, employer=employer)
    draft = beihai_draft(employer)
    client = api(employer)

    def ids(**params):
        return sorted(row["id"] for row in client.get(LIST, **params).json()["results"])

    assert ids() == sorted([submitted.pk, draft.pk])
    assert ids(state="draft") == [draft.pk]
    assert ids(regulation="nanning-ftz-urgent-talent") == []
    later = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    assert ids(updated_since=later) == []
    body = assert_error(client.get(LIST, state="nonsense", updated_since="yesterday"), 400, "invalid")
    assert set(body["fields"]) == {"state", "updated_since"}


def test_lists_are_paginated(api):
    employer = employer_user()
    for _ in range(3):
        make_application(state=s.SUBMITTED, organisation=employer.organisation, employer=employer, materials=False)
    client = api(employer)
    first = client.get(LIST, page_size=2).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = client.get(LIST, page_size=2, page=2).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert_error(client.get(LIST, page=9), 404, "not_found")


# ---------------------------------------------------------------- update a draft


def test_a_draft_is_filled_in_parts_with_the_portal_forms_rules(api):
    employer = employer_user()
    application = Application.objects.get(
        pk=api(employer).post(LIST, {"regulation": "beihai-foreign-talent"}).json()["id"]
    )
    client = api(employer)
    first = client.patch(url("application", application), {"full_name": "John Smith", "nationality": "gb"})
    assert first.status_code == 200
    second = client.patch(url("application", application), {"position": "CTO"})
    body = second.json()
    # A partial update keeps what was sent before; the form normalises the country code.
    assert (body["full_name"], body["nationality"], body["position"]) == ("John Smith", "GB", "CTO")


def test_a_refused_field_saves_nothing_and_names_the_field(api):
    application = beihai_draft()
    response = api(application.created_by, language="en").patch(
        url("application", application),
        {"full_name": "Jane Roe", "nationality": "GBR", "permit_valid_from": "2029-01-01"},
    )
    body = assert_error(response, 400, "invalid")
    assert set(body["fields"]) == {"nationality", "permit_valid_until"}
    assert body["fields"]["nationality"][0].isascii()  # the portal form's own message, in the caller's language
    assert "permit" not in body["message"].lower() and body["fields"]["permit_valid_until"]
    application.refresh_from_db()
    assert application.full_name == "John Smith"


def test_a_field_of_the_other_regulations_form_is_refused(api):
    application = beihai_draft()
    body = assert_error(
        api(application.created_by).patch(url("application", application), {"county": "X"}), 400, "invalid"
    )
    assert list(body["fields"]) == ["county"]


def test_an_unknown_field_is_refused_by_name(api):
    application = beihai_draft()
    response = api(application.created_by).patch(url("application", application), {"salary": 1, "full_name": "X"})
    assert list(assert_error(response, 400, "invalid")["fields"]) == ["salary"]
    application.refresh_from_db()
    assert application.full_name == "John Smith"


def test_the_criterion_is_chosen_by_code(api):
    application = beihai_draft(criterion=None)
    client = api(application.created_by)
    assert client.patch(url("application", application), {"criterion": "BH-1"}).json()["criterion"] == "BH-1"
    body = assert_error(client.patch(url("application", application), {"criterion": "NN-I-1"}), 400, "invalid")
    assert list(body["fields"]) == ["criterion"]


def test_a_submitted_file_cannot_be_edited(api):
    application = make_application(state=s.SUBMITTED)
    response = api(application.created_by).patch(url("application", application), {"full_name": "X"})
    assert_error(response, 409, "not_editable")


def test_a_reviewer_cannot_edit_the_applicants_file(api):
    application = make_application(state=s.SUBMITTED)
    reviewer = api(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert reviewer.get(url("application", application)).status_code == 200
    # Editing is the applicant side's own business: for staff the edit does not exist, as on the portal.
    assert_error(reviewer.patch(url("application", application), {"full_name": "X"}), 404, "not_found")


# ---------------------------------------------------------------- submit


def test_an_incomplete_file_is_refused_with_every_reason(api):
    application = beihai_draft()  # no materials yet
    response = api(application.created_by, language="en").post(
        url("application-submit", application), {"pledge": True, "pledge_name": "John Smith"}
    )
    body = assert_error(response, 400, "incomplete")
    assert any("material" in line.lower() for line in [body["message"], *body["fields"].get("non_field_errors", [])])
    application.refresh_from_db()
    assert application.state == s.DRAFT


def test_the_pledge_must_be_given(api):
    application = beihai_draft()
    upload_all(application, application.created_by)
    body = assert_error(
        api(application.created_by).post(url("application-submit", application), {"pledge": False, "pledge_name": ""}),
        400,
        "invalid",
    )
    assert set(body["fields"]) == {"pledge", "pledge_name"}


def test_a_complete_beihai_file_is_submitted_through_the_api(api):
    employer = employer_user()
    client = api(employer)
    created = client.post(LIST, {"regulation": "beihai-foreign-talent"}).json()
    application = Application.objects.get(pk=created["id"])
    assert client.patch(url("application", application), BEIHAI_JSON).status_code == 200
    assert client.patch(url("application", application), {"criterion": "BH-1"}).json()["criterion"] == "BH-1"
    missing = client.get(url("application", application)).json()["missing_materials"]
    assert missing  # the API tells the HR system what still has to be uploaded
    for code in missing:
        assert client.upload(url("materials", application), code, pdf(f"{code}.pdf")).status_code == 201
    assert client.get(url("application", application)).json()["missing_materials"] == []
    response = client.post(url("application-submit", application), {"pledge": True, "pledge_name": "John Smith"})
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == s.SUBMITTED and response.json()["submitted_at"]
    application.refresh_from_db()
    log = application.transition_logs.get()
    assert (log.transition, log.by) == ("submit", employer)
