"""Page benchmark: p50/p95 and query count of every list and detail page, on the bench data of generate.py.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tp_scale_100k
    .venv/bin/python bench/bench_pages.py --runs 30 [--only queue] [--out var/pages.json]

Requests go through Django's test client in this process (no network, no server): the numbers are what the view,
its queries and its template cost. DEBUG is off, as in production. Nothing is written except sessions.
Targets (issue 12): p95 ≤ 150 ms and ≤ 15 queries on every page at 100,000 applications; the exit code is 1 when
a page misses one.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STAFF_REQUIRE_OTP", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts import roles  # noqa: E402
from accounts.models import User  # noqa: E402
from applications import states as s  # noqa: E402
from applications.models import Application  # noqa: E402
from bench.generate import BENCH_DOMAIN, BENCH_TALENT, BIG_EMPLOYER, BIG_NANNING_EMPLOYER  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from regulations.codes import BEIHAI, NANNING  # noqa: E402

TARGET_P95_MS = 150
TARGET_QUERIES = 15
LAST = "page=999999"  # any page past the end is the last page


def staff(role):
    return f"bench-{role}@{BENCH_DOMAIN}"


def cases():
    """(name, user email or None, url); ids are looked up in the bench data."""
    big = User.objects.get(email=BIG_EMPLOYER)
    certified = Application.objects.filter(regulation_code=BEIHAI, state=s.CERTIFIED).order_by("pk").first()
    nanning = Application.objects.filter(regulation_code=NANNING, state=s.PUBLIC_NOTICE).order_by("pk").first()
    own = Application.objects.filter(organisation_id=big.organisation_id, state=s.CERTIFIED).order_by("pk").first()
    passport = Application.objects.filter(regulation_code=BEIHAI).order_by("pk")[500].document_number
    token = Certificate.objects.filter(application__state=s.CERTIFIED).order_by("pk").first().verify_token
    reviewer = staff(roles.BEIHAI_SCITECH_REVIEWER)
    committee = staff(roles.NANNING_COMMITTEE_APPROVER)
    return [
        ("queue mine (Beihai reviewer)", reviewer, "/staff/"),
        ("queue mine (Nanning committee)", committee, "/staff/"),
        ("queue mine (consulted department)", staff(roles.BEIHAI_PUBLIC_SECURITY), "/staff/"),
        ("queue mine, last page", reviewer, f"/staff/?{LAST}"),
        ("queue all", reviewer, "/staff/?scope=all"),
        ("queue all, last page", reviewer, f"/staff/?scope=all&{LAST}"),
        (
            "queue all, filters (state+tier)",
            committee,
            "/staff/?scope=all&regulation=nanning-ftz-urgent-talent&state=certified&tier=II",
        ),
        ("queue all, overdue", committee, "/staff/?scope=all&overdue=1"),
        ("queue all, passport search", reviewer, f"/staff/?scope=all&q={passport}"),
        ("queue all, name search", reviewer, "/staff/?scope=all&q=Smith"),
        ("staff application page (Beihai certified)", reviewer, f"/staff/a/{certified.pk}/"),
        ("staff application page (Nanning notice)", committee, f"/staff/a/{nanning.pk}/"),
        ("employer portal (big employer)", BIG_EMPLOYER, "/portal/"),
        ("employer portal, last page", BIG_EMPLOYER, f"/portal/?{LAST}"),
        ("Nanning employer portal", BIG_NANNING_EMPLOYER, "/portal/"),
        ("talent portal", BENCH_TALENT, "/portal/"),
        ("portal application page", BIG_EMPLOYER, f"/portal/applications/{own.pk}/"),
        ("public notices", None, "/notices/"),
        ("public notices, last page", None, f"/notices/?{LAST}"),
        ("verify page", None, f"/verify/{token}/"),
        ("application form.pdf", BIG_EMPLOYER, f"/certificates/application/{own.pk}/form.pdf"),
    ]


def measure(client, url, runs, warmup, *, show_queries=False):
    for _ in range(warmup):
        client.get(url)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    if show_queries:
        for query in queries.captured_queries:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}", file=sys.stderr)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "status": response.status_code,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(times[-1], 1),
        "queries": len(queries),
        "bytes": len(response.content) if not getattr(response, "streaming", False) else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    parser.add_argument("--out", default="")
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL and time (last run)")
    args = parser.parse_args()
    clients = {}
    results = {}
    applications = Application.objects.count()
    for name, email, url in cases():
        if args.only and args.only not in name:
            continue
        if email not in clients:
            clients[email] = Client()
            if email:
                clients[email].force_login(User.objects.get(email=email))
        results[name] = {
            "url": url,
            **measure(clients[email], url, args.runs, args.warmup, show_queries=args.show_queries),
        }
        print(
            f"{name:45s} {results[name]['p50_ms']:8.1f} {results[name]['p95_ms']:8.1f} "
            f"{results[name]['queries']:4d}q {results[name]['status']}",
            file=sys.stderr,
        )
    missed = [
        name
        for name, r in results.items()
        if r["p95_ms"] > TARGET_P95_MS or r["queries"] > TARGET_QUERIES or r["status"] != 200
    ]
    report = {
        "database": connection.vendor,
        "applications": applications,
        "runs": args.runs,
        "load_average": os.getloadavg(),
        "pages": results,
        "missed_targets": missed,
    }
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
