"""API tokens: created by the user on a page, shown once, stored as prefix + hash, revocable, audited."""

import hashlib

import pytest
from django.urls import reverse

from accounts import roles
from api.models import ApiToken
from tests.api.conftest import assert_error
from tests.factories import OrganisationFactory, employer_user, staff_user, talent_user

pytestmark = pytest.mark.django_db
PAGE = reverse("api:tokens")


def create_on_page(client, user, name="人事系统批量申报"):
    client.force_login(user)
    return client.post(PAGE, {"name": name})


def secret_of(response):
    return response.context["issued"].secret


def test_an_employer_creates_an_organisation_token_and_sees_it_once(client):
    employer = employer_user()
    response = create_on_page(client, employer)
    assert response.status_code == 201
    secret = secret_of(response)
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.organisation == employer.organisation and token.user == employer
    # Only the prefix and the hash are kept: the secret is nowhere in the row.
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.prefix, token.key_hash, token.name}
    assert secret.startswith(f"tp_{token.prefix}_")
    # Shown once: the page shows the token list afterwards, never the secret again.
    again = client.get(PAGE)
    assert secret not in again.content.decode() and token.prefix in again.content.decode()


def test_the_token_authenticates_as_its_creator(api, client):
    employer = employer_user()
    secret = secret_of(create_on_page(client, employer))
    response = client.get(reverse("api:applications"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_a_colleague_sees_and_revokes_the_organisation_token(client):
    organisation = OrganisationFactory()
    creator, colleague = employer_user(organisation), employer_user(organisation)
    secret = secret_of(create_on_page(client, creator))
    token = ApiToken.objects.get()
    client.force_login(colleague)
    assert token.prefix in client.get(PAGE).content.decode()
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == colleague
    client.logout()
    refused = client.get(reverse("api:applications"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert_error(refused, 401, "authentication_failed")
    assert refused["WWW-Authenticate"] == "Bearer"


def test_another_organisation_can_neither_see_nor_revoke_it(client):
    create_on_page(client, employer_user())
    token = ApiToken.objects.get()
    client.force_login(employer_user())
    assert token.prefix not in client.get(PAGE).content.decode()
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_stops_working_when_its_creator_leaves_the_organisation(client):
    employer = employer_user()
    secret = secret_of(create_on_page(client, employer))
    employer.organisation = OrganisationFactory()
    employer.save()
    response = client.get(reverse("api:applications"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert_error(response, 401, "authentication_failed")


def test_a_staff_token_is_the_staff_users_own(client):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    secret = secret_of(create_on_page(client, reviewer))
    token = ApiToken.objects.get()
    assert token.organisation is None and token.user == reviewer
    client.force_login(staff_user(roles.BEIHAI_SCITECH_REVIEWER))
    assert token.prefix not in client.get(PAGE).content.decode()
    client.logout()
    assert client.get(reverse("api:applications"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_a_talent_has_no_token_page(client):
    client.force_login(talent_user())
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"name": "x"}).status_code == 404
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_purpose(client):
    response = create_on_page(client, employer_user(), name="  ")
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_creation_and_revocation_are_in_the_tokens_history(client):
    employer = employer_user()
    create_on_page(client, employer)
    token = ApiToken.objects.get()
    client.post(reverse("api:token_revoke", args=[token.pk]))
    rows = list(token.history.order_by("history_date").values_list("history_type", "history_user_id", "revoked_at"))
    assert [(kind, who) for kind, who, _ in rows] == [("+", employer.pk), ("~", employer.pk)]
    assert rows[0][2] is None and rows[1][2] is not None


@pytest.mark.parametrize("header", ["Bearer", "Bearer tp_0000_nope", "Bearer a b", "Bearer tp_x_y_z"])
def test_malformed_or_unknown_tokens_are_401(client, header):
    response = client.get(reverse("api:applications"), HTTP_AUTHORIZATION=header)
    assert_error(response, 401, "authentication_failed")


def test_the_token_page_is_linked_for_employers_and_staff_only(client):
    for user, linked in (
        (employer_user(), True),
        (staff_user(roles.BEIHAI_SCITECH_REVIEWER), True),
        (talent_user(), False),
    ):
        client.force_login(user)
        assert (f'href="{PAGE}"' in client.get("/").content.decode()) is linked
