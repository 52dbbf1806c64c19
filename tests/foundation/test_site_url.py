"""SITE_URL is the one public address: certificate QR codes, mail links and `make run` agree on it."""

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8123"


def test_the_certificate_qr_code_points_at_site_url(settings):
    from certificates.documents import certificate_context, qr_data_uri
    from certificates.services import certificate_issue
    from tests.certificates.factories import beihai_issuer, recognised_application

    settings.SITE_URL = SITE
    certificate = certificate_issue(application=recognised_application(), by=beihai_issuer())
    context = certificate_context(certificate)
    assert context["verify_url"] == f"{SITE}/verify/{certificate.verify_token}/"
    assert context["qr"] == qr_data_uri(context["verify_url"])


def test_mail_links_use_site_url(settings):
    from notifications.services import application_link
    from tests.reviews.factories import make_application

    settings.SITE_URL = SITE
    application = make_application()
    assert application_link(application, application.created_by).startswith(f"{SITE}/portal/applications/")


def test_make_run_serves_and_links_on_the_same_host_and_port():
    root = Path(__file__).resolve().parents[2]
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    serve = next(line for line in plan.splitlines() if "runserver" in line)
    assert f"SITE_URL={SITE}" in serve and serve.rstrip().endswith("runserver 127.0.0.1:8123")
