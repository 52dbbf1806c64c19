"""An objection gets a reference the objector is shown and the committee sees (南宁办法第七条：公示、异议核实)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications import states as s
from regulations.codes import NANNING
from reviews.models import Objection
from tests.factories import staff_user
from tests.reviews.factories import make_application

pytestmark = pytest.mark.django_db


def _under_notice():
    today = timezone.localdate()
    return make_application(
        NANNING, s.PUBLIC_NOTICE, notice_starts_on=today, notice_ends_on=today + datetime.timedelta(days=7)
    )


def test_the_objector_is_shown_the_reference_of_the_objection():
    application = _under_notice()
    response = Client().post(
        reverse("reviews:objection_file", args=[application.pk]),
        {"name": "王五", "contact": "13900000000", "reason": "学历不实"},
    )
    assert response.status_code == 200
    objection = Objection.objects.get()
    assert objection.reference.startswith(f"NN-O-{timezone.localdate():%Y%m%d}-")
    assert objection.reference in response.content.decode()


def test_each_objection_has_its_own_reference_and_the_committee_sees_it():
    application = _under_notice()
    first = Objection.objects.create(application=application, name="甲", contact="1", reason="x")
    second = Objection.objects.create(application=application, name="乙", contact="2", reason="y")
    assert first.reference and second.reference and first.reference != second.reference
    saved = first.reference
    first.reason = "x，补充"
    first.save()
    assert first.reference == saved  # the reference never changes once given

    client = Client()
    client.force_login(staff_user(roles.NANNING_COMMITTEE_APPROVER))
    page = client.get(reverse("reviews:application", args=[application.pk])).content.decode()
    assert first.reference in page and second.reference in page
