"""Settings come from the environment and refuse to start when a production value is missing or malformed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from talentportal.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import talentportal.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_secret_key_and_debug_off_the_app_refuses_to_start_with_a_clear_message():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "Traceback" in result.stderr  # it is a start-up failure, not a silent default


def test_with_debug_on_a_development_key_is_used():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    result = load_settings(DEBUG="1", DATABASE_URL="postgres://user@127.0.0.1:5432/talentportal")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_the_default_database_is_an_sqlite_file_under_var():
    result = subprocess.run(
        [sys.executable, "-c", "import talentportal.settings as s; print(s.DATABASES['default']['NAME'])"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().endswith("talentportal.sqlite3")


def test_a_malformed_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        env_bool("DEBUG")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("no", False)])
def test_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_a_malformed_integer_names_the_variable(monkeypatch):
    monkeypatch.setenv("UPLOAD_MAX_BYTES", "ten megabytes")
    with pytest.raises(ImproperlyConfigured, match="UPLOAD_MAX_BYTES must be a whole number"):
        env_int("UPLOAD_MAX_BYTES", 1)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,,")
    assert env_list("ALLOWED_HOSTS", []) == ["a.example", "b.example"]


def test_project_defaults(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.UPLOAD_MAX_BYTES == 10 * 1024 * 1024
    # Without a broker, Celery runs tasks in-process so the embedded default needs no Redis.
    assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_a_fresh_clone_gets_its_var_folder_for_the_embedded_database(tmp_path):
    var_dir = tmp_path / "fresh" / "var"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DEBUG": "1", "TALENTPORTAL_VAR_DIR": str(var_dir)})
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--plan"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert var_dir.is_dir()
