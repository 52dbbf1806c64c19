"""Issue 9: on the embedded SQLite default, two writers wait for each other instead of one failing (a 500).

A deferred transaction that reads and then writes cannot wait for another writer's lock: SQLite answers
"database is locked" at once. With transaction_mode IMMEDIATE the write lock is taken at BEGIN, where
SQLite's busy timeout applies, so the second writer waits its turn.
"""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite default only")


def _wrapper(path):
    config = {**settings.DATABASES["default"], "NAME": str(path)}
    config.setdefault("TIME_ZONE", None)
    config.setdefault("CONN_HEALTH_CHECKS", False)
    config.setdefault("AUTOCOMMIT", True)
    config.setdefault("ATOMIC_REQUESTS", False)
    config.setdefault("CONN_MAX_AGE", 0)
    return DatabaseWrapper(config, alias=f"probe-{threading.get_ident()}")


def test_the_default_sqlite_database_takes_the_write_lock_at_begin():
    from talentportal import settings as configured

    if configured.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert configured.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_two_read_then_write_transactions_both_succeed(tmp_path):
    from talentportal import settings as configured

    assert configured.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    path = tmp_path / "probe.sqlite3"
    setup = _wrapper(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors = []

    def writer():
        db = _wrapper(path)
        try:
            # What transaction.atomic() does on SQLite: an explicit BEGIN in the configured mode.
            db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with db.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                time.sleep(0.3)  # both have read before either writes
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
            db.commit()
        except Exception as exc:  # the failure mode under test
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = _wrapper(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (2,)  # serialised: no lost update either
    check.close()
