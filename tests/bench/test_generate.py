"""The bench data generator (bench/generate.py) on the test database (SQLite by default, PostgreSQL in CI):
every state of both regulations, each file with the logs of the path to its state and a history row per change."""

import pytest

from applications import states as s
from applications.models import Application, TransitionLog
from certificates.models import Certificate, CertificateCounter

pytestmark = pytest.mark.django_db


def test_the_generator_writes_every_state_with_consistent_logs_history_and_certificates():
    from bench.generate import BEIHAI_PATHS, NANNING_PATHS, Generator

    result = Generator(400, big=20, seed=3).run()
    assert result["applications"] == Application.objects.count() == 400
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(BEIHAI_PATHS) | set(NANNING_PATHS)  # every state of both regulations
    for application in Application.objects.order_by("pk")[:80]:
        paths = BEIHAI_PATHS if application.is_beihai else NANNING_PATHS
        logs = list(application.transition_logs.order_by("at", "id"))
        assert [log.transition for log in logs] == paths[application.state]
        if logs:
            assert logs[-1].to_state == application.state and logs[0].from_state == s.DRAFT
        assert application.history.count() == len(logs) + 1
    assert TransitionLog.history.count() == TransitionLog.objects.count()
    certified = Application.objects.filter(state=s.CERTIFIED).count()
    assert Certificate.objects.filter(application__state=s.CERTIFIED).count() == certified
    for counter in CertificateCounter.objects.all():
        serials = Certificate.objects.filter(regulation_code=counter.regulation_code, year=counter.year)
        assert sorted(serials.values_list("serial", flat=True)) == list(range(1, counter.last_serial + 1))
