"""The staff console: who may enter, each role's queue, search, the application page and its actions."""

import pytest
from django.urls import reverse

from accounts import roles
from applications import states as s
from regulations.codes import BEIHAI, NANNING
from tests.factories import employer_user, staff_user
from tests.reviews.factories import consult, department_user, make_application

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def test_only_staff_enter_the_console(client):
    assert client.get(reverse("reviews:queue")).status_code == 302
    employer = employer_user()
    assert _client(client, employer).get(reverse("reviews:queue")).status_code == 403
    application = make_application()
    assert client.get(reverse("reviews:application", args=[application.pk])).status_code == 403


def test_staff_of_the_other_regulation_get_404(client):
    application = make_application(BEIHAI)
    nanning_reviewer = staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)
    assert (
        _client(client, nanning_reviewer).get(reverse("reviews:application", args=[application.pk])).status_code == 404
    )


def test_each_role_sees_what_waits_for_it(client):
    submitted = make_application(BEIHAI, s.SUBMITTED, full_name="Alice Submitted")
    awaiting = make_application(BEIHAI, s.AWAITING_DECISION, full_name="Bob Awaiting")
    consulting = make_application(BEIHAI, s.CONSULTATION, full_name="Carol Consulting")
    consult(consulting, "beihai-public-security")
    recommended = make_application(NANNING, s.RECOMMENDED, full_name="Dong Recommended")

    def names(user, **params):
        response = _client(client, user).get(reverse("reviews:queue"), params)
        assert response.status_code == 200
        return {a.full_name for a, _ in response.context["rows"]}

    assert names(staff_user(roles.BEIHAI_SCITECH_REVIEWER)) == {submitted.full_name, consulting.full_name}
    assert names(staff_user(roles.BEIHAI_SCITECH_APPROVER)) == {awaiting.full_name}
    assert names(department_user("beihai-public-security")) == {consulting.full_name}
    assert names(department_user("beihai-approval-bureau")) == set()
    assert names(staff_user(roles.NANNING_TALENT_BUREAU_REVIEWER)) == {recommended.full_name}
    everything = names(staff_user(roles.BEIHAI_SCITECH_APPROVER), scope="all")
    assert {submitted.full_name, awaiting.full_name, consulting.full_name} <= everything
    assert recommended.full_name not in everything


def test_search_by_name_document_organisation_and_credit_code(client):
    target = make_application(BEIHAI, s.SUBMITTED, full_name="Zhang Search", document_number="P99887766")
    make_application(BEIHAI, s.SUBMITTED, full_name="Other Person", document_number="P11111111")
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    c = _client(client, reviewer)
    for term in ["Zhang", "P99887766", target.organisation.name, target.organisation.credit_code]:
        rows = c.get(reverse("reviews:queue"), {"scope": "all", "q": term}).context["rows"]
        assert [a.pk for a, _ in rows] == [target.pk], term
    rows = c.get(reverse("reviews:queue"), {"scope": "all", "state": s.SUBMITTED, "regulation": BEIHAI}).context["rows"]
    assert len(rows) == 2
    # Nonsense filters are ignored, never a 500.
    response = c.get(reverse("reviews:queue"), {"state": "nope", "tier": "IX", "page": "abc", "q": "x" * 500})
    assert response.status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_application_page_shows_only_the_actions_this_user_may_take(client, language):
    application = make_application(BEIHAI, s.SUBMITTED)
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    c = _client(client, reviewer)
    response = c.get(reverse("reviews:application", args=[application.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    codes = [action.code for action, _form in response.context["actions"]]
    assert codes == [s.T_ACCEPT, s.T_RETURN, s.T_REFUSE]
    assert b'id="action-approve"' not in response.content

    approver = staff_user(roles.BEIHAI_SCITECH_APPROVER)
    response = _client(client, approver).get(reverse("reviews:application", args=[application.pk]))
    assert response.context["actions"] == []


def test_refuse_without_reason_keeps_the_text_and_explains(client):
    application = make_application(BEIHAI, s.SUBMITTED)
    c = _client(client, staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    url = reverse("reviews:act", args=[application.pk, s.T_REFUSE])
    response = c.post(url, {"refuse-reason": "", "refuse-comment": "我的草稿意见"})
    assert response.status_code == 400
    assert "我的草稿意见" in response.content.decode()
    application.refresh_from_db()
    assert application.state == s.SUBMITTED


def test_an_illegal_transition_gives_a_message_not_a_500(client):
    application = make_application(BEIHAI, s.SUBMITTED)
    c = _client(client, staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    response = c.post(reverse("reviews:act", args=[application.pk, s.T_APPROVE]), {})
    assert response.status_code == 400
    assert "审批通过" in response.content.decode()
    assert c.post(reverse("reviews:act", args=[application.pk, "delete_everything"]), {}).status_code == 404
    assert c.get(reverse("reviews:act", args=[application.pk, s.T_ACCEPT])).status_code == 405


def test_accept_through_the_console(client):
    application = make_application(BEIHAI, s.SUBMITTED)
    c = _client(client, staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    response = c.post(reverse("reviews:act", args=[application.pk, s.T_ACCEPT]), {"accept-comment": "材料齐全"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == s.CONSULTATION
    page = c.get(reverse("reviews:application", args=[application.pk]))
    assert "材料齐全" in page.content.decode()
