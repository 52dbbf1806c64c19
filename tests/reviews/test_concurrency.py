"""Two approvers press "approve" on the same file at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection

from accounts import roles
from applications import states as s
from applications.models import Application
from applications.services import TransitionRefused
from reviews import services
from tests.factories import staff_user
from tests.reviews.factories import make_application


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_end_with_one_success_and_one_conflict():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL=postgres://...)")
    application = make_application(state=s.AWAITING_DECISION)
    approvers = [staff_user(roles.BEIHAI_SCITECH_APPROVER), staff_user(roles.BEIHAI_SCITECH_APPROVER)]
    barrier = threading.Barrier(2, timeout=30)
    outcomes = []

    def approve(user):
        from django.db import connection as thread_connection

        try:
            mine = Application.objects.get(pk=application.pk)  # both read "awaiting decision"
            barrier.wait()
            services.decision_approve(application=mine, by=user)
            outcomes.append(("ok", None))
        except TransitionRefused as exc:
            outcomes.append((exc.code, exc.message))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in approvers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(code for code, _ in outcomes) == ["conflict", "ok"]
    message = next(message for code, message in outcomes if code == "conflict")
    assert "刷新" in message
    application.refresh_from_db()
    assert application.state == s.CERTIFIED
    assert application.transition_logs.filter(transition=s.T_APPROVE).count() == 1
    assert application.certificates.count() == 1
