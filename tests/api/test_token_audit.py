"""Creating and revoking an API token is a row in the access log: who, when, which organisation, which token
(id and prefix), from where; the secret is never in it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts import roles
from api import services
from api.models import ApiToken
from audit.models import AccessAction, AccessRecord
from tests.factories import OrganisationFactory, employer_user, staff_user

pytestmark = pytest.mark.django_db
PAGE = reverse("api:tokens")


def record_values(record: AccessRecord) -> list[str]:
    """Every stored value of the row, as text: the secret must be in none of them."""
    return [str(getattr(record, field.attname)) for field in AccessRecord._meta.concrete_fields]


def assert_secret_absent(secret: str) -> None:
    _, prefix, random_part = secret.split("_", 2)
    for record in AccessRecord.objects.all():
        for value in record_values(record):
            assert secret not in value and random_part not in value, (record.action, value)


def assert_token_record(record: AccessRecord, *, token: ApiToken, user, action: str) -> None:
    assert record.action == action
    assert record.user == user and record.user_email == user.email
    assert record.user_roles == ",".join(sorted(user.role_codes()))
    assert record.content_type == ContentType.objects.get_for_model(ApiToken)
    assert record.object_id == str(token.pk)
    assert token.prefix in record.object_repr and token.name in record.object_repr
    assert record.application_reference == ""
    assert record.at is not None


def test_creating_a_token_on_the_page_is_recorded_without_the_secret(client):
    organisation = OrganisationFactory(name="北海测试科技有限公司")
    employer = employer_user(organisation)
    client.force_login(employer)
    response = client.post(PAGE, {"name": "人事系统批量申报"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 201
    secret = response.context["issued"].secret
    token = ApiToken.objects.get()
    record = AccessRecord.objects.get()
    assert_token_record(record, token=token, user=employer, action=AccessAction.TOKEN_CREATED)
    assert organisation.name in record.object_repr and organisation.credit_code in record.object_repr
    assert record.path == PAGE and record.ip is not None
    assert_secret_absent(secret)


def test_revoking_a_colleagues_token_on_the_page_is_recorded_as_the_revoker(client):
    organisation = OrganisationFactory()
    creator, colleague = employer_user(organisation), employer_user(organisation)
    client.force_login(creator)
    secret = client.post(PAGE, {"name": "人事系统"}).context["issued"].secret
    token = ApiToken.objects.get()
    client.force_login(colleague)
    revoke_url = reverse("api:token_revoke", args=[token.pk])
    assert client.post(revoke_url).status_code == 302
    record = AccessRecord.objects.get(action=AccessAction.TOKEN_REVOKED)
    assert_token_record(record, token=token, user=colleague, action=AccessAction.TOKEN_REVOKED)
    assert organisation.name in record.object_repr and record.path == revoke_url
    # Revoking it again changes nothing and records nothing more.
    assert client.post(revoke_url).status_code == 302
    assert AccessRecord.objects.filter(action=AccessAction.TOKEN_REVOKED).count() == 1
    assert AccessRecord.objects.count() == 2
    assert_secret_absent(secret)


def test_the_service_records_without_a_request_too():
    """Every entry point (page, shell, a future command) goes through the same two service functions."""
    employer = employer_user()
    issued = services.token_create(user=employer, name="脚本")
    services.token_revoke(token=issued.token, by=employer)
    actions = list(AccessRecord.objects.order_by("id").values_list("action", "ip", "path"))
    assert actions == [(AccessAction.TOKEN_CREATED, None, ""), (AccessAction.TOKEN_REVOKED, None, "")]
    assert_secret_absent(issued.secret)


def test_a_staff_token_is_recorded_as_the_staff_users_own(client):
    reviewer = staff_user(roles.BEIHAI_SCITECH_REVIEWER)
    client.force_login(reviewer)
    secret = client.post(PAGE, {"name": "核查脚本"}).context["issued"].secret
    token = ApiToken.objects.get()
    record = AccessRecord.objects.get()
    assert_token_record(record, token=token, user=reviewer, action=AccessAction.TOKEN_CREATED)
    assert reviewer.email in record.object_repr
    assert_secret_absent(secret)


def test_refused_actions_leave_no_token_record(client):
    client.force_login(employer_user())
    assert client.post(PAGE, {"name": "  "}).status_code == 400
    other = services.token_create(user=employer_user(), name="别家")
    before = AccessRecord.objects.count()
    assert client.post(reverse("api:token_revoke", args=[other.token.pk])).status_code == 404
    with pytest.raises(services.TokenRefused):
        services.token_revoke(token=other.token, by=employer_user())
    assert AccessRecord.objects.count() == before == 1


def test_the_auditor_sees_token_actions_in_the_access_log(client):
    employer = employer_user()
    issued = services.token_create(user=employer, name="人事系统")
    services.token_revoke(token=issued.token, by=employer)
    auditor = staff_user(roles.AUDITOR)
    client.force_login(auditor)
    response = client.get(reverse("audit:access_log"), {"action": AccessAction.TOKEN_REVOKED})
    assert response.status_code == 200
    page = response.content.decode()
    assert issued.token.prefix in page and issued.secret not in page
