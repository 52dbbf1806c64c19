"""Issue 9: public objections are rate-limited per address and per notice; evidence is one small file.

Probes that failed: hundreds of objections from one address against one candidate; any number of evidence
files of any size, read to disk before the form looked at them.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import states as s
from regulations.codes import NANNING
from reviews.models import Objection
from tests.reviews.factories import TINY_PDF, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(settings):
    settings.TRUSTED_PROXY_COUNT = 1  # the documented nginx in front
    ends_on = timezone.localdate() + datetime.timedelta(days=3)
    return make_application(
        NANNING, s.PUBLIC_NOTICE, notice_starts_on=ends_on - datetime.timedelta(days=7), notice_ends_on=ends_on
    )


def _object(notice, ip, reason="学历不实", **extra):
    url = reverse("reviews:objection_file", args=[notice.pk])
    data = {"name": "王五", "contact": "13900000000", "reason": reason, **extra}
    return Client().post(url, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ip)


def test_one_address_may_file_five_objections_an_hour_and_the_sixth_keeps_what_was_typed(notice, settings):
    limit = settings.THROTTLE_RATES["objection-ip"][0]
    for _ in range(limit):
        assert _object(notice, "203.0.113.7").status_code == 200
    refused = _object(notice, "203.0.113.7", reason="第六份异议的事由")
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "尝试次数过多" in body and "第六份异议的事由" in body
    assert Objection.objects.count() == limit
    assert _object(notice, "198.51.100.9").status_code == 200  # another member of the public is not blocked


def test_a_spoofed_forwarded_for_does_not_buy_a_fresh_address(notice, settings):
    limit = settings.THROTTLE_RATES["objection-ip"][0]
    for n in range(limit + 1):
        # nginx appends the real address; whatever the client put before it is not believed
        response = _object(notice, f"10.0.0.{n}, 203.0.113.7")
    assert response.status_code == 429


def test_one_notice_takes_a_bounded_number_of_objections_a_day(notice, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "objection-notice": (3, 24 * 3600)}
    for n in range(3):
        assert _object(notice, f"198.51.100.{n}").status_code == 200
    assert _object(notice, "198.51.100.200").status_code == 429
    assert Objection.objects.count() == 3


def test_invalid_forms_do_not_count_against_the_limit(notice, settings):
    limit = settings.THROTTLE_RATES["objection-ip"][0]
    for _ in range(limit + 2):
        assert _object(notice, "203.0.113.8", reason="").status_code == 400
    assert _object(notice, "203.0.113.8").status_code == 200


def test_evidence_is_one_file_in_the_evidence_field(notice):
    first = SimpleUploadedFile("a.pdf", TINY_PDF, content_type="application/pdf")
    second = SimpleUploadedFile("b.pdf", TINY_PDF, content_type="application/pdf")
    response = _object(notice, "203.0.113.9", evidence=[first, second])
    assert response.status_code == 400
    assert "每项只能上传一个文件" in response.content.decode()
    assert not Objection.objects.exists()

    stray = SimpleUploadedFile("c.pdf", TINY_PDF, content_type="application/pdf")
    response = _object(notice, "203.0.113.9", other=stray)
    assert response.status_code == 400 and "此处不接收该文件" in response.content.decode()
    assert not Objection.objects.exists()


def test_evidence_larger_than_the_public_limit_is_refused_with_the_limit_named(notice, settings):
    settings.PUBLIC_UPLOAD_MAX_BYTES = 64 * 1024
    big = SimpleUploadedFile("big.pdf", TINY_PDF + b"0" * (settings.PUBLIC_UPLOAD_MAX_BYTES + 1))
    response = _object(notice, "203.0.113.10", evidence=big)
    assert response.status_code == 400
    assert "上限" in response.content.decode() and "学历不实" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_good_objection_with_evidence_is_still_filed(notice):
    evidence = SimpleUploadedFile("证明.pdf", TINY_PDF, content_type="application/pdf")
    assert _object(notice, "203.0.113.11", evidence=evidence).status_code == 200
    assert Objection.objects.get().evidence_name == "证明.pdf"
