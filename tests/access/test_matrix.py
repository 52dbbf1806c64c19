"""The access matrix: every named URL × every role × the relevant states, with the status each must get.

A named URL without an entry in EXPECTATIONS fails `test_every_named_url_has_an_expectation`, so a new view
cannot be added without saying who may reach it. The world (one file per case, one user per role) is built
once for the module inside a transaction that is rolled back at the end; each cell runs in its own
savepoint, so POSTs that succeed change nothing for the next cell.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.world import (
    ANONYMOUS,
    AUDITOR,
    BH_APPEAL,
    BH_APPROVAL_BUREAU,
    BH_APPROVER,
    BH_CERTIFIED,
    BH_DRAFT,
    BH_HEALTH,
    BH_REVIEW,
    BH_REVIEWER,
    BH_SECURITY,
    CASES,
    NN_CERTIFIED,
    NN_COMMITTEE,
    NN_DRAFT,
    NN_LEADERSHIP,
    NN_NOTICE,
    NN_REVIEW,
    NN_REVIEWER,
    OTHER_TALENT,
    OWN_EMPLOYER,
    OWN_ORG_REVIEWER,
    OWN_TALENT,
    ROLES,
    build_world,
)

# ---------------------------------------------------------------- who is who

OWNERS = {OWN_EMPLOYER, OWN_TALENT}
BH_OFFICE = {BH_REVIEWER, BH_APPROVER}
NN_OFFICE = {NN_REVIEWER, NN_COMMITTEE, NN_LEADERSHIP}
STAFF = BH_OFFICE | NN_OFFICE | {BH_SECURITY, BH_APPROVAL_BUREAU, BH_HEALTH, AUDITOR, OWN_ORG_REVIEWER}
SIGNED_IN = set(ROLES) - {ANONYMOUS}
BEIHAI_CASES = {BH_DRAFT, BH_REVIEW, BH_APPEAL, BH_CERTIFIED}

# Who may open each file. Drafts are the applicant side's own (a Nanning draft the talent's alone);
# Public Security sees the file it was consulted on and, with the Approval Bureau, the file under appeal;
# the Health department, never consulted, sees nothing; nor does the auditor, nor a reviewer employed by
# the file's own organisation.
SEES = {
    BH_DRAFT: {OWN_EMPLOYER, OWN_TALENT},
    BH_REVIEW: OWNERS | BH_OFFICE | {BH_SECURITY},
    BH_APPEAL: OWNERS | BH_OFFICE | {BH_SECURITY, BH_APPROVAL_BUREAU},
    BH_CERTIFIED: OWNERS | BH_OFFICE,
    NN_DRAFT: {OWN_TALENT},
    NN_REVIEW: OWNERS | NN_OFFICE,
    NN_NOTICE: OWNERS | NN_OFFICE,
    NN_CERTIFIED: OWNERS | NN_OFFICE,
}
# The side that applies: Beihai the employer, Nanning the talent.
APPLICANT = {case: OWN_EMPLOYER if case in BEIHAI_CASES else OWN_TALENT for case in CASES}
EDITABLE = {BH_DRAFT, NN_DRAFT}
CERTIFIED = (BH_CERTIFIED, NN_CERTIFIED)


# ---------------------------------------------------------------- expectation kinds


def file_page(ok=200):
    """Behind login; the file's viewers get `ok`, everyone else 404 (no hint that it exists)."""
    return lambda role, case: 302 if role == ANONYMOUS else ok if role in SEES[case] else 404


def own_page(ok_for):
    """The applicant side's own pages: `ok_for(role, case)` gives the status for the file's owners."""

    def status(role, case):
        if role == ANONYMOUS:
            return 302
        if role in OWNERS and role in SEES[case]:
            return ok_for(role, case)
        return 404

    return status


def console(ok):
    """The staff console: signed-in non-staff 403; staff who may not see the file 404."""

    def status(role, case):
        if role == ANONYMOUS:
            return 302
        if role not in STAFF:
            return 403
        if role not in SEES[case]:
            return 404
        return ok(role, case) if callable(ok) else ok

    return status


def service_request_page(ok):
    """A benefit request: its requesting side (the file's owners) and the benefit's reviewer role (the Nanning
    talent bureau here), never a reviewer of the talent's own organisation."""
    return lambda role, case: 302 if role == ANONYMOUS else ok if role in OWNERS | {NN_REVIEWER} else 404


def licence_file(role, case):
    """An organisation's business licence: its own employer, and the offices that check organisations (not a
    reviewer employed by that organisation); everyone else 404."""
    if role == ANONYMOUS:
        return 302
    return 200 if role in {OWN_EMPLOYER, BH_REVIEWER, BH_APPROVER, NN_REVIEWER, NN_COMMITTEE} else 404


def api_file(ok=200):
    """The JSON API: the same viewers as the file's pages; 401 (not a login redirect) without credentials."""
    return lambda role, case: 401 if role == ANONYMOUS else ok if role in SEES[case] else 404


def everyone(code):
    return lambda role, case: code


def by_role(default, **codes):
    return lambda role, case: codes.get(role, default)


@dataclass(frozen=True)
class Expect:
    status: object  # (role, case) -> expected HTTP status
    args: object = None  # (world case) -> reverse() args, or None when the URL has no object in this case
    method: str = "get"
    data: dict = field(default_factory=dict)
    per_case: bool = True  # False: the URL names no file; one row per role
    cases: tuple = tuple(CASES)  # the states in which the URL's object exists


def app_pk(case):
    return [case.application.pk]


EXPECTATIONS = {
    # ---- public pages and accounts (no file)
    "home": Expect(everyone(200), per_case=False),
    "healthz": Expect(everyone(200), per_case=False),
    "set_language": Expect(everyone(302), method="post", data={"language": "en", "next": "/"}, per_case=False),
    "accounts:login": Expect(by_role(302, anonymous=200), per_case=False),
    "accounts:logout": Expect(everyone(302), method="post", per_case=False),
    "accounts:register_employer": Expect(everyone(200), per_case=False),
    "accounts:register_talent": Expect(everyone(200), per_case=False),
    "accounts:verify_email": Expect(everyone(302), args=lambda case: ["not-a-token"], per_case=False),
    # Open to anyone (new accounts cannot sign in before verifying); without an address the form comes back.
    "accounts:resend_verification": Expect(by_role(302, anonymous=200), method="post", per_case=False),
    "accounts:registration_sent": Expect(everyone(200), per_case=False),
    "accounts:invite": Expect(by_role(404, anonymous=302, other_employer=200, own_employer=200), per_case=False),
    "accounts:accept_invitation": Expect(everyone(404), args=lambda case: ["no-such-invitation"], per_case=False),
    # An employer user puts its own organisation's business licence on file; staff check it (download below).
    "accounts:organisation_licence": Expect(
        by_role(404, anonymous=302, other_employer=200, own_employer=200), per_case=False
    ),
    "accounts:organisation_licence_download": Expect(licence_file, args=lambda case: [case.licence.pk], per_case=False),
    "accounts:password_reset": Expect(everyone(200), per_case=False),
    "accounts:password_reset_done": Expect(everyone(200), per_case=False),
    "accounts:password_reset_confirm": Expect(everyone(200), args=lambda case: ["MQ", "bad-token"], per_case=False),
    "accounts:password_reset_complete": Expect(everyone(200), per_case=False),
    "regulations:precheck": Expect(everyone(200), per_case=False),
    "reviews:notices": Expect(everyone(200), per_case=False),
    # ---- portal lists
    "applications:dashboard": Expect(by_role(200, anonymous=302), per_case=False),
    "applications:start": Expect(
        by_role(200, anonymous=302), args=lambda case: ["beihai-foreign-talent"], per_case=False
    ),
    "reviews:queue": Expect(
        lambda role, case: 302 if role == ANONYMOUS else 200 if role in STAFF else 403, per_case=False
    ),
    # ---- a person's file in the portal
    "applications:detail": Expect(file_page(), args=app_pk),
    "applications:edit": Expect(
        own_page(lambda role, case: 200 if role == APPLICANT[case] and case in EDITABLE else 302), args=app_pk
    ),
    "applications:submit": Expect(
        own_page(lambda role, case: 200 if role == APPLICANT[case] and case in EDITABLE else 404), args=app_pk
    ),
    "applications:employer_decide": Expect(
        own_page(lambda role, case: 302 if role == OWN_EMPLOYER and case not in BEIHAI_CASES else 404),
        args=app_pk,
        method="post",
    ),
    "applications:withdraw": Expect(
        own_page(lambda role, case: 302), args=app_pk, method="post", data={"reason": "x", "confirm": "on"}
    ),
    "applications:material_download": Expect(file_page(), args=lambda case: [case.material.pk]),
    "applications:material_remove": Expect(
        own_page(lambda role, case: 302), args=lambda case: [case.material.pk], method="post"
    ),
    "reviews:appeal_file": Expect(own_page(lambda role, case: 200 if role == APPLICANT[case] else 404), args=app_pk),
    # ---- documents
    "certificates:download": Expect(file_page(), args=lambda case: [case.certificate.pk], cases=CERTIFIED),
    "certificates:download_for_application": Expect(
        lambda role, case: file_page()(role, case) if case in CERTIFIED else (302 if role == ANONYMOUS else 404),
        args=app_pk,
    ),
    "certificates:application_form_pdf": Expect(file_page(), args=app_pk),
    "certificates:receipt_pdf": Expect(file_page(), args=lambda case: [case.receipt.pk]),
    "certificates:child_enrolment": Expect(
        own_page(lambda role, case: 200 if case == BH_CERTIFIED else 404), args=app_pk
    ),
    "certificates:child_enrolment_pdf": Expect(
        lambda role, case: file_page()(role, case) if case == BH_CERTIFIED else (302 if role == ANONYMOUS else 404),
        args=app_pk,
    ),
    "certificates:verify": Expect(everyone(200), args=lambda case: [case.certificate.verify_token], cases=CERTIFIED),
    # ---- the staff console
    "reviews:application": Expect(console(200), args=app_pk),
    "reviews:act": Expect(
        console(400), args=lambda case: [case.application.pk, "return_for_correction"], method="post"
    ),
    "reviews:consultation_add": Expect(console(302), args=app_pk, method="post"),
    "reviews:tier_one_filing": Expect(
        console(lambda role, case: 302 if case == NN_CERTIFIED and role in {NN_REVIEWER, NN_COMMITTEE} else 403),
        args=app_pk,
        method="post",
    ),
    "reviews:consultation_answer": Expect(
        console(400), args=lambda case: [case.consultation.pk], method="post", cases=(BH_REVIEW,)
    ),
    "reviews:objection_decide": Expect(
        console(400), args=lambda case: [case.objection.pk], method="post", cases=(NN_NOTICE,)
    ),
    "reviews:objection_evidence": Expect(console(200), args=lambda case: [case.objection.pk], cases=(NN_NOTICE,)),
    "reviews:appeal_opinion": Expect(
        console(400), args=lambda case: [case.appeal.pk], method="post", cases=(BH_APPEAL,)
    ),
    "reviews:appeal_decide": Expect(
        console(400), args=lambda case: [case.appeal.pk], method="post", cases=(BH_APPEAL,)
    ),
    # ---- the second factor and the access log (PIPL)
    "audit:second_factor": Expect(
        lambda role, case: 302 if role == ANONYMOUS else 200 if role in STAFF else 403, per_case=False
    ),
    "audit:access_log": Expect(by_role(403, anonymous=302, auditor=200), per_case=False),
    "audit:access_log_export": Expect(by_role(403, anonymous=302, auditor=200), per_case=False),
    # ---- notifications: everyone signed in has their own list; nobody opens or marks another's (no such row here)
    "notifications:list": Expect(by_role(200, anonymous=302), per_case=False),
    "notifications:open": Expect(by_role(404, anonymous=302), args=lambda case: [0], method="post", per_case=False),
    "notifications:read": Expect(by_role(404, anonymous=302), args=lambda case: [0], method="post", per_case=False),
    "notifications:read_all": Expect(everyone(302), method="post", per_case=False),
    "notifications:language": Expect(everyone(302), method="post", data={"language": "en"}, per_case=False),
    # ---- benefits of a recognition (service requests, the end of employment)
    "benefits:employment_end": Expect(
        own_page(lambda role, case: 200 if role == OWN_EMPLOYER and case == NN_CERTIFIED else 302), args=app_pk
    ),
    "benefits:request_start": Expect(
        own_page(lambda role, case: 404 if case in BEIHAI_CASES else 302),
        args=lambda case: [case.application.pk, "children-schooling"],
        method="post",
    ),
    "benefits:request": Expect(
        service_request_page(200), args=lambda case: [case.service_request.pk], cases=(NN_CERTIFIED,)
    ),
    "benefits:request_material": Expect(
        service_request_page(200), args=lambda case: [case.service_material.pk], cases=(NN_CERTIFIED,)
    ),
    "benefits:request_stamped_pdf": Expect(  # nothing stamped yet: 404 even to those who see the request
        service_request_page(404), args=lambda case: [case.service_request.pk], cases=(NN_CERTIFIED,)
    ),
    "benefits:staff_requests": Expect(
        lambda role, case: 302 if role == ANONYMOUS else 200 if role in STAFF else 403, per_case=False
    ),
    "benefits:staff_request": Expect(
        lambda role, case: (
            302 if role == ANONYMOUS else 403 if role not in STAFF else 200 if role == NN_REVIEWER else 404
        ),
        args=lambda case: [case.service_request.pk],
        cases=(NN_CERTIFIED,),
    ),
    "reviews:tier_one_filings": Expect(
        lambda role, case: 302 if role == ANONYMOUS else 200 if role in STAFF else 403, per_case=False
    ),
    # ---- the JSON API (issue 13): the same rule as the pages above, answered as 401/404 JSON
    "api:schema": Expect(everyone(200), per_case=False),
    "api:docs": Expect(everyone(200), per_case=False),
    "api:eligibility": Expect(everyone(405), per_case=False),
    "api:verify": Expect(everyone(200), args=lambda case: [case.certificate.verify_token], cases=CERTIFIED),
    "api:applications": Expect(by_role(200, anonymous=401), per_case=False),
    "api:consultations": Expect(by_role(200, anonymous=401), per_case=False),
    "api:certificates": Expect(by_role(200, anonymous=401), per_case=False),
    "api:application": Expect(api_file(), args=app_pk),
    "api:materials": Expect(api_file(), args=app_pk),
    "api:timeline": Expect(api_file(), args=app_pk),
    "api:transitions": Expect(api_file(), args=app_pk),
    "api:application-consultations": Expect(api_file(), args=app_pk),
    "api:material-download": Expect(api_file(), args=lambda case: [case.material.pk]),
    "api:certificate": Expect(api_file(), args=lambda case: [case.certificate.pk], cases=CERTIFIED),
    "api:certificate-pdf": Expect(api_file(), args=lambda case: [case.certificate.pk], cases=CERTIFIED),
    # A form-encoded body: whoever may act gets 415 (JSON only, checked after the right), the rest 404.
    "api:application-submit": Expect(
        lambda role, case: 401 if role == ANONYMOUS else 415 if role in OWNERS and role in SEES[case] else 404,
        args=app_pk,
        method="post",
    ),
    "api:consultation-opinion": Expect(
        lambda role, case: 401 if role == ANONYMOUS else 415 if role in STAFF and role in SEES[case] else 404,
        args=lambda case: [case.consultation.pk],
        method="post",
        cases=(BH_REVIEW,),
    ),
    # Tokens: employers and staff have the page; a talent has none.
    "api:tokens": Expect(
        lambda role, case: 302 if role == ANONYMOUS else 404 if role in {OWN_TALENT, OTHER_TALENT} else 200,
        per_case=False,
    ),
    "api:token_revoke": Expect(by_role(404, anonymous=302), args=lambda case: [999999], method="post", per_case=False),
    # ---- the public notice: anyone may object to a candidate under notice, to nothing else
    "reviews:objection_file": Expect(lambda role, case: 200 if case == NN_NOTICE else 404, args=app_pk),
}
# Every admin URL: only Django admin users (none of the roles here) get past the admin's own login.
ADMIN_SAMPLE = ["admin:index", "admin:accounts_user_changelist", "admin:audit_accessrecord_changelist"]
ADMIN_EXPECTATION = Expect(everyone(302), per_case=False)


def named_urls():
    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) or None
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}:{entry.name}" if namespace else entry.name

    return sorted(set(walk(get_resolver().url_patterns, None)))


def test_every_named_url_has_an_expectation():
    names = named_urls()
    missing = [name for name in names if name not in EXPECTATIONS and not name.startswith("admin:")]
    assert not missing, f"say who may reach these views in EXPECTATIONS: {missing}"
    stale = sorted(set(EXPECTATIONS) - set(names))
    assert not stale, f"these URLs no longer exist: {stale}"


# ---------------------------------------------------------------- the cells
# One test per URL and state; it asks as every role in turn and reports every cell that differs.


def _rows():
    for name, expect in [*EXPECTATIONS.items(), *((n, ADMIN_EXPECTATION) for n in ADMIN_SAMPLE)]:
        for case in expect.cases if expect.per_case else [BH_REVIEW]:
            yield pytest.param(name, case, id=f"{name}|{case if expect.per_case else '-'}")


ROWS = list(_rows())
CELL_COUNT = len(ROWS) * len(ROLES)


@pytest.fixture(scope="module")
def storage_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-private")


def _storage_settings(directory):
    fs = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(directory)}}
    return {
        "STORAGES": {
            "default": fs,
            "private": fs,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "PRIVATE_STORAGE_ROOT": directory,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, storage_dir):
    """Replaces the suite's per-test storage folder: the module's files live in one folder."""
    for key, value in _storage_settings(storage_dir).items():
        setattr(settings, key, value)


def _session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, storage_dir):
    with django_db_blocker.unblock(), override_settings(**_storage_settings(storage_dir)):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            built.sessions = {}
            for case_name in CASES:
                for role in ROLES:
                    user = built.user(role, case_name)
                    if user is not None and user.pk not in built.sessions:
                        built.sessions[user.pk] = _session_for(user)
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _cheap_pdfs(monkeypatch):
    """Who gets the printed form is tested here; what it prints is tested in tests/certificates."""
    from certificates import documents

    monkeypatch.setattr(documents, "application_form_pdf", lambda application, **kwargs: b"%PDF-1.4 form")
    monkeypatch.setattr(documents, "child_enrolment_pdf", lambda enrolment: b"%PDF-1.4 enrolment")
    monkeypatch.setattr(documents, "receipt_pdf", lambda receipt: b"%PDF-1.4 receipt")


def _ask(world, name, case_name, role, expect):
    client = Client()
    user = world.user(role, case_name)
    if user is not None:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = world.sessions[user.pk]
    url = reverse(name, args=expect.args(world.cases[case_name]) if expect.args else [])
    with transaction.atomic():
        response = client.post(url, expect.data) if expect.method == "post" else client.get(url)
        transaction.set_rollback(True)  # a POST that went through changes nothing for the next role
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case_name"), ROWS)
def test_access(world, name, case_name):
    expect = EXPECTATIONS.get(name, ADMIN_EXPECTATION)
    wrong = []
    for role in ROLES:
        got, wanted = _ask(world, name, case_name, role, expect), expect.status(role, case_name)
        if got != wanted:
            wrong.append(f"{role}: got {got}, expected {wanted}")
    assert not wrong, f"{name} in state {case_name}:\n" + "\n".join(wrong)


def test_the_matrix_covers_every_role_and_state():
    """The numbers the report gives (URLs × roles × states)."""
    assert len(ROLES) == 15 and len(CASES) == 8
    assert CELL_COUNT == len(ROWS) * 15 and CELL_COUNT > 2000


@pytest.mark.django_db
def test_the_query_and_the_per_file_rule_agree(world):
    """applications_visible_to (one query for lists) and can_view (one file) are the same rule."""
    from applications import access

    for case_name in CASES:
        application = world.cases[case_name].application
        for role in ROLES:
            user = world.user(role, case_name)
            if user is None:
                continue
            listed = access.applications_visible_to(user).filter(pk=application.pk).exists()
            assert listed == access.can_view(user, application) == (role in SEES[case_name]), (case_name, role)
            in_console = access.applications_staff_may_see(user).filter(pk=application.pk).exists()
            assert in_console == bool(access.staff_roles_for(user, application)), (case_name, role)
