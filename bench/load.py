"""Load benchmark: gunicorn serving the bench data, locust clients, one run, JSON out.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tp_scale_100k
    .venv/bin/python bench/load.py [--users 8] [--seconds 30] [--rss-requests 10000] [--out var/load.json]

Phases, one after the other against the same server (2 gunicorn workers, sync):
  1. bare   - BareUser: the ceiling (a logged-in view that does nothing)
  2. queue  - QueueUser: the staff queue of a Beihai reviewer at 100,000 applications
  3. submit - SubmitUser: employers open, fill, upload 4 real files to and submit Beihai files
then: stored == accepted (every submission the clients were told succeeded is in the database, submitted, with its
4 files in the file store), and worker RSS before/after `--rss-requests` requests on a 1-worker server.
"""

import argparse
import csv
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.core.files.storage import storages  # noqa: E402

from applications import states as s  # noqa: E402
from applications.models import Application  # noqa: E402
from bench.generate import BENCH_DOMAIN, BENCH_PASSWORD  # noqa: E402

PY = str(ROOT / ".venv/bin/python")
VAR = ROOT / "var"


def start_gunicorn(port, workers, log_name):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    log = open(VAR / log_name, "w")
    process = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "talentportal.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--max-requests",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code < 500:
                return process
        except requests.RequestException:
            time.sleep(0.5)
    stop(process)
    raise SystemExit(f"gunicorn did not start on {port}; see {VAR / log_name}")


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def worker_pids(master):
    out = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def locust(user_class, host, users, seconds, phase, employers):
    prefix = VAR / f"load-{phase}"
    env = {**os.environ, "BENCH_EMPLOYERS": ",".join(employers), "BENCH_ACCEPTED_LOG": str(VAR / "load-accepted.log")}
    subprocess.run(
        [
            PY,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench/locustfile.py"),
            user_class,
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    rows = {}
    with open(f"{prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    return rows


def login(session, base, email):
    page = session.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{base}/accounts/login/",
        {"username": email, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
    )


def stored_vs_accepted(since_pk):
    accepted_file = VAR / "load-accepted.log"
    accepted = {int(x) for x in accepted_file.read_text().split()} if accepted_file.exists() else set()
    storage = storages["private"]
    created = Application.objects.filter(pk__gt=since_pk, regulation_code="beihai-foreign-talent")
    submitted = set(created.filter(state=s.SUBMITTED).values_list("pk", flat=True))
    files_missing = 0
    for application in created.filter(pk__in=accepted).prefetch_related("materials"):
        current = [m for m in application.materials.all() if m.is_current]
        if len(current) != 4:
            files_missing += 4 - len(current)
        for material in current:
            if not storage.exists(material.file.name) or storage.size(material.file.name) != material.size:
                files_missing += 1
    logs = {
        pk
        for pk in created.filter(transition_logs__transition=s.T_SUBMIT).values_list("pk", flat=True)
        if pk in accepted
    }
    return {
        "accepted": len(accepted),
        "stored_submitted": len(submitted),
        "accepted_not_stored": len(accepted - submitted),
        "stored_not_accepted": len(submitted - accepted),
        "submit_logs_for_accepted": len(logs),
        "files_missing_or_wrong_size": files_missing,
        # No submission accepted proves nothing: that is a failure of the run, never a pass.
        "stored_equals_accepted": bool(accepted)
        and submitted == accepted
        and files_missing == 0
        and len(logs) == len(accepted),
    }


def rss_run(port, total, threads=4):
    """A 1-worker server; RSS after a warm-up of 500 requests and after `total` more."""
    server = start_gunicorn(port, 1, "load-rss-gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    staff = requests.Session()
    login(staff, base, f"bench-beihai-scitech-reviewer@{BENCH_DOMAIN}")
    employer = requests.Session()
    login(employer, base, f"bench-employer@{BENCH_DOMAIN}")
    sample = Application.objects.filter(regulation_code="beihai-foreign-talent", state=s.CERTIFIED)
    pages = [(staff, "/staff/"), (staff, "/staff/?scope=all&page=40"), (employer, "/portal/"), (None, "/notices/")]
    pages += [(staff, f"/staff/a/{pk}/") for pk in sample.values_list("pk", flat=True)[:20]]
    errors = []

    def hammer(count, offset):
        anonymous = requests.Session()
        for i in range(count):
            session, path = pages[(i + offset) % len(pages)]
            response = (session or anonymous).get(base + path)
            if response.status_code != 200:
                errors.append((path, response.status_code))

    def run(count):
        workers = [threading.Thread(target=hammer, args=(count // threads, i * 7)) for i in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()

    try:
        run(500)
        (pid,) = worker_pids(server)
        before = rss_kb(pid)
        started = time.perf_counter()
        run(total)
        seconds = time.perf_counter() - started
        after = rss_kb(pid)
    finally:
        stop(server)
    return {
        "requests": total,
        "seconds": round(seconds, 1),
        "rss_after_warmup_kb": before,
        "rss_after_kb": after,
        "growth_percent": round(100 * (after - before) / before, 1),
        "errors": len(errors),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rss-requests", type=int, default=10_000)
    parser.add_argument("--phases", default="bare,queue,submit,rss")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    phases = args.phases.split(",")
    VAR.mkdir(exist_ok=True)
    if "submit" in phases:
        (VAR / "load-accepted.log").unlink(missing_ok=True)
    employers = list(
        Application.objects.none()
        .model._meta.apps.get_model("accounts", "User")
        .objects.filter(email__startswith="employer-", email__endswith="@" + BENCH_DOMAIN, organisation__in_beihai=True)
        .order_by("pk")
        .values_list("email", flat=True)[: args.users * 4]
    )
    since = Application.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    report = {"users": args.users, "seconds_per_phase": args.seconds, "load_average_start": os.getloadavg()}
    host = f"http://127.0.0.1:{args.port}"
    if {"bare", "queue", "submit"} & set(phases):
        server = start_gunicorn(args.port, 2, "load-gunicorn.log")
        try:
            for phase, user_class in (("bare", "BareUser"), ("queue", "QueueUser"), ("submit", "SubmitUser")):
                if phase in phases:
                    report[phase] = locust(user_class, host, args.users, args.seconds, phase, employers)
        finally:
            stop(server)
    if "bare" in report and "queue" in report:
        bare = report["bare"]["Aggregated"]["rps"]
        queue = report["queue"]["Aggregated"]["rps"]
        report["queue_share_of_ceiling_percent"] = round(100 * queue / bare, 1) if bare else None
    if "submit" in phases:
        report["stored_vs_accepted"] = stored_vs_accepted(since)
    if "rss" in phases:
        report["rss"] = rss_run(args.port, args.rss_requests)
    report["load_average_end"] = os.getloadavg()
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    lost = "stored_vs_accepted" in report and not report["stored_vs_accepted"]["stored_equals_accepted"]
    sys.exit(1 if lost or report.get("rss", {}).get("errors") else 0)


if __name__ == "__main__":
    main()
