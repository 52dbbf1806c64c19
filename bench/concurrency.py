"""Two app servers, one PostgreSQL, one file store, concurrent transitions: nothing lost, nothing doubled.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tp_scale_100k
    .venv/bin/python bench/concurrency.py [--files 20] [--out var/concurrency.json]

Two gunicorn servers (ports 8107 and 18107, 2 workers each) share the database and PRIVATE_STORAGE_ROOT. For each
of `--files` recognised Beihai files, a SciTech approver signed in on each server presses "issue certificate" at
the same moment; for each of `--files` Beihai files awaiting decision, one server approves while the other
refuses. Then the database must show: one issuance and one certificate per file, no certificate number twice, the
counter equal to the highest serial; one decision per file, the state being the one its only log recorded.
"""

import argparse
import json
import os
import sys
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.db.models import Max  # noqa: E402

from applications import states as s  # noqa: E402
from applications.models import Application, TransitionLog  # noqa: E402
from bench.generate import BENCH_DOMAIN  # noqa: E402
from bench.load import login, start_gunicorn, stop  # noqa: E402
from certificates.models import Certificate, CertificateCounter  # noqa: E402
from regulations.codes import BEIHAI  # noqa: E402

APPROVER = f"bench-beihai-scitech-approver@{BENCH_DOMAIN}"


def act(session, base, pk, action, data, results):
    token = session.cookies.get("csrftoken", "")
    response = session.post(
        f"{base}/staff/a/{pk}/act/{action}/",
        {"csrfmiddlewaretoken": token, **{f"{action}-{k}": v for k, v in data.items()}},
        headers={"Referer": f"{base}/staff/a/{pk}/"},
        allow_redirects=False,
    )
    results.append((pk, action, base, response.status_code))


def race(pairs):
    """Run each pair of calls at the same moment (a barrier per pair), all pairs in parallel."""
    threads = []
    for first, second in pairs:
        barrier = threading.Barrier(2)

        def run(call, barrier=barrier):
            barrier.wait()
            call()

        threads += [threading.Thread(target=run, args=(first,)), threading.Thread(target=run, args=(second,))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--ports", default="8107,18107")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    ports = [int(p) for p in args.ports.split(",")]
    servers = [start_gunicorn(port, 2, f"concurrency-{port}.log") for port in ports]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        sessions = []
        for base in bases:
            session = requests.Session()
            login(session, base, APPROVER)
            session.get(f"{base}/staff/")  # the CSRF cookie
            sessions.append(session)
        beihai = Application.objects.filter(regulation_code=BEIHAI)
        to_issue = list(beihai.filter(state=s.RECOGNISED).order_by("pk").values_list("pk", flat=True)[: args.files])
        to_decide = list(
            beihai.filter(state=s.AWAITING_DECISION).order_by("pk").values_list("pk", flat=True)[: args.files]
        )
        logs_before = {pk: TransitionLog.objects.filter(application_id=pk).count() for pk in to_issue + to_decide}
        results = []
        pairs = []
        for pk in to_issue:
            pairs.append(
                tuple(
                    (lambda sess=sess, base=base, pk=pk: act(sess, base, pk, s.T_ISSUE_CERTIFICATE, {}, results))
                    for sess, base in zip(sessions, bases, strict=True)
                )
            )
        for pk in to_decide:
            pairs.append(
                (
                    lambda pk=pk: act(sessions[0], bases[0], pk, s.T_APPROVE, {"comment": "同意。"}, results),
                    lambda pk=pk: act(sessions[1], bases[1], pk, s.T_REFUSE, {"reason": "材料不实。"}, results),
                )
            )
        race(pairs)
    finally:
        for server in servers:
            stop(server)

    problems = []
    for pk in to_issue:
        application = Application.objects.get(pk=pk)
        issued = TransitionLog.objects.filter(application_id=pk, transition=s.T_ISSUE_CERTIFICATE).count()
        certificates = Certificate.objects.filter(application_id=pk).count()
        if application.state != s.CERTIFIED or issued != 1 or certificates != 1:
            problems.append({"pk": pk, "state": application.state, "issued": issued, "certificates": certificates})
    for pk in to_decide:
        application = Application.objects.get(pk=pk)
        decisions = list(
            TransitionLog.objects.filter(application_id=pk, from_state=s.AWAITING_DECISION).values_list(
                "transition", "to_state"
            )
        )
        if len(decisions) != 1 or (decisions and application.state not in (decisions[0][1], s.CERTIFIED)):
            problems.append({"pk": pk, "state": application.state, "decisions": decisions})
    numbers = Counter(Certificate.objects.values_list("number", "version"))
    duplicates = [n for n, c in numbers.items() if c > 1]
    counters_ok = True
    for counter in CertificateCounter.objects.all():
        top = Certificate.objects.filter(regulation_code=counter.regulation_code, year=counter.year).aggregate(
            top=Max("serial")
        )["top"]
        counters_ok &= top is None or top == counter.last_serial
    statuses = Counter(f"{action} {code}" for _, action, _, code in results)
    report = {
        "servers": bases,
        "files_issued_twice_at_once": len(to_issue),
        "files_approved_and_refused_at_once": len(to_decide),
        "responses": dict(sorted(statuses.items())),
        "new_transition_logs": sum(
            TransitionLog.objects.filter(application_id=pk).count() - n for pk, n in logs_before.items()
        ),
        "lost_or_doubled": problems,
        "duplicate_certificate_numbers": len(duplicates),
        "counters_equal_highest_serial": counters_ok,
        "ok": not problems and not duplicates and counters_ok,
    }
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
