"""Loaded by pytest before Django settings (pyproject: -p talentportal.testing_env)."""

import os

# Tests run with production-like settings (DEBUG off), which require a secret key.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STAFF_REQUIRE_OTP", "0")
