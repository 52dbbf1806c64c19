#!/usr/bin/env bash
# Refresh every catalogue the documented way (app catalogues, then the project one), then give each new
# Chinese source string itself as its zh_Hans translation. English entries still need a translator:
# tests/ui/test_catalogues.py lists any that are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=1
for app in applications certificates regulations reviews; do
  (cd "$app" && ../.venv/bin/python ../manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete -v 0)
done
.venv/bin/python manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete -v 0 \
  --ignore=applications --ignore=certificates --ignore=regulations --ignore=reviews --ignore=demo \
  --ignore=tests --ignore=bench --ignore=var --ignore=.venv
.venv/bin/python -m talentportal.catalogues fill-zh
