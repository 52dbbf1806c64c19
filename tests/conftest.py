import os

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (hardening.throttle) live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Every test stores private files in its own temporary folder and hashes passwords cheaply."""
    # The production hasher takes half a second a password here on purpose; tests need no such cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def restore_reference_data():
    """Put back what the data migrations load (roles, departments, regulations, calendar).

    Transactional tests (browser tests, concurrency tests) end with a flush that empties every table,
    data migrations included; the next transactional test must find the reference data again.
    """
    import importlib

    from django.apps import apps

    from regulations.models import CalendarYear, RegulationVersion
    from regulations.reference import revision_bump
    from regulations.seed import load_calendar, load_regulation_data

    roles_migration = importlib.import_module("accounts.migrations.0002_role_groups_and_departments")
    roles_migration.forwards(apps, None)
    importlib.import_module("accounts.migrations.0004_auditor_role_group").forwards(apps, None)
    if not RegulationVersion.objects.exists():
        load_regulation_data(apps)
    if not CalendarYear.objects.exists():
        load_calendar(apps)
    revision_bump()


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    restore_reference_data()


@pytest.fixture(scope="session")
def browser():
    """The session's one Chromium (Debian's, driven by Playwright): one fixture for every test folder, since a
    second sync Playwright cannot start inside the first one's event loop."""
    import shutil

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup.sh test (installs Debian's chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
