"""Settings for the load benchmarks (bench/load.py, bench/concurrency.py): production settings with the bench's
own URLs (one bare logged-in view as the ceiling), plain HTTP on 127.0.0.1 and no TOTP step for staff."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STAFF_REQUIRE_OTP", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from talentportal.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
# The load clients speak plain HTTP to 127.0.0.1; the cookies must travel without TLS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
