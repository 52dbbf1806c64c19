#!/usr/bin/env bash
# Installs what TalentPortal needs on a fresh Debian machine, then stops: system packages (when root),
# a virtualenv in .venv, and the pinned Python packages. Safe to run again: it skips what is there.
#   scripts/setup.sh          what the app needs
#   scripts/setup.sh test     plus what the tests need (Chromium for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=${1:-}
apt_packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libmagic1 gettext)
if [ "$want_test" = "test" ]; then
  apt_packages+=(chromium poppler-utils)
fi

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: WARNING: missing Debian packages (run as root or install them): ${missing[*]}" >&2
    echo "setup: without libharfbuzz-subset0 PDFs render about 50x slower; without fonts-noto-cjk Chinese shows as boxes." >&2
  fi
fi

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.talentportal-installed
fingerprint=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  echo "setup: installing Python packages (pinned by requirements.lock)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -c requirements.lock ".[test]"
  echo "$fingerprint" > "$stamp"
fi
