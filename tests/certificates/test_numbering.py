import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from certificates.models import Certificate, CertificateCounter
from certificates.services import allocate_serial, certificate_issue, format_number
from regulations.codes import BEIHAI, NANNING
from tests.certificates.factories import beihai_issuer, nanning_application, nanning_issuer, recognised_application


@pytest.mark.django_db
def test_numbers_run_per_regulation_and_year_without_gaps():
    issuer = beihai_issuer()
    numbers = [certificate_issue(application=recognised_application(), by=issuer).number for _ in range(3)]
    nanning = certificate_issue(application=nanning_application(), by=nanning_issuer()).number
    year = timezone.localdate().year
    assert numbers == [f"BH-{year}-00001", f"BH-{year}-00002", f"BH-{year}-00003"]
    assert nanning == f"NN-{year}-00001"


@pytest.mark.django_db
def test_a_new_year_starts_again_at_one():
    with transaction.atomic():
        assert allocate_serial(regulation_code=BEIHAI, year=2030) == 1
        assert allocate_serial(regulation_code=BEIHAI, year=2030) == 2
        assert allocate_serial(regulation_code=BEIHAI, year=2031) == 1
    assert format_number(regulation_code=NANNING, year=2031, serial=17) == "NN-2031-00017"


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back():
    issuer = beihai_issuer()
    broken = recognised_application(full_name="")
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the point is the counter
        certificate_issue(application=broken, by=issuer)
    first = certificate_issue(application=recognised_application(), by=issuer)
    assert first.serial == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_on_postgresql_has_no_duplicates_and_no_gaps():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    issuer = beihai_issuer()
    applications = [recognised_application() for _ in range(8)]
    barrier = threading.Barrier(len(applications))
    errors = []

    def issue(application):
        try:
            barrier.wait()
            certificate_issue(application=application, by=issuer)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(application,)) for application in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert serials == list(range(1, len(applications) + 1))
    assert CertificateCounter.objects.get(regulation_code=BEIHAI).last_serial == len(applications)
