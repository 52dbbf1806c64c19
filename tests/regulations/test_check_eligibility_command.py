"""`manage.py check_eligibility FILE|-`: exit 0 eligible, 1 not eligible, 2 bad input (and never a traceback)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.regulations.facts import nanning

pytestmark = pytest.mark.django_db

ELIGIBLE = nanning(**{"person.highest_degree": "doctorate"})
NOT_ELIGIBLE = nanning()


def run(capsys, path):
    with pytest.raises(SystemExit) as caught:
        call_command("check_eligibility", str(path))
    out = capsys.readouterr()
    return caught.value.code, out.out, out.err


def write(tmp_path, text):
    path = tmp_path / "facts.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_eligible_exits_0_and_prints_the_answer(capsys, tmp_path):
    code, out, _err = run(capsys, write(tmp_path, json.dumps(ELIGIBLE)))
    assert code == 0
    answer = json.loads(out)
    assert answer["eligible"] is True and answer["best"] == "NN-II-3"


def test_not_eligible_exits_1(capsys, tmp_path):
    code, out, _err = run(capsys, write(tmp_path, json.dumps(NOT_ELIGIBLE)))
    assert code == 1
    assert json.loads(out)["eligible"] is False


@pytest.mark.parametrize(
    "text, mentions",
    [
        ("{not json", "not valid JSON"),
        ("[]", "JSON"),
        (json.dumps({**ELIGIBLE, "colour": "blue"}), "colour"),
        (json.dumps({**ELIGIBLE, "person": {**ELIGIBLE["person"], "shoe_size": 42}}), "person.shoe_size"),
        (json.dumps({**ELIGIBLE, "as_of": "2026-02-30"}), "as_of"),
        (json.dumps({**ELIGIBLE, "regulation": "atlantis"}), "atlantis"),
        (
            json.dumps({**ELIGIBLE, "employment": {**ELIGIBLE["employment"], "annual_salary_cny": "lots"}}),
            "employment.annual_salary_cny",
        ),
        (
            json.dumps({**ELIGIBLE, "employment": {**ELIGIBLE["employment"], "full_time": "yes"}}),
            "employment.full_time",
        ),
        (json.dumps({**ELIGIBLE, "person": {**ELIGIBLE["person"], "honours": ["nobel"]}}), "nobel"),
    ],
)
def test_bad_input_exits_2_with_a_message_naming_the_key(capsys, tmp_path, text, mentions):
    code, out, err = run(capsys, write(tmp_path, text))
    assert code == 2
    assert out == ""
    assert mentions in err
    assert "Traceback" not in err


def test_missing_file_exits_2(capsys, tmp_path):
    code, _out, err = run(capsys, tmp_path / "nope.json")
    assert code == 2 and "nope.json" in err


@pytest.mark.django_db(transaction=True)
def test_stdin_in_a_real_process(tmp_path):
    """The command as staff run it: facts on stdin, the answer on stdout, the exit status."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "TALENTPORTAL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    base = Path(settings.BASE_DIR)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=base, env=env, check=True)
    for facts, expected in ((ELIGIBLE, 0), (NOT_ELIGIBLE, 1)):
        done = subprocess.run(
            [sys.executable, "manage.py", "check_eligibility", "-"],
            cwd=base,
            env=env,
            input=json.dumps(facts),
            capture_output=True,
            text=True,
        )
        assert done.returncode == expected, done.stderr
        assert json.loads(done.stdout)["eligible"] is (expected == 0)
    done = subprocess.run(
        [sys.executable, "manage.py", "check_eligibility", "-"],
        cwd=base,
        env=env,
        input='{"regulation": 7}',
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "regulation" in done.stderr and "Traceback" not in done.stderr
