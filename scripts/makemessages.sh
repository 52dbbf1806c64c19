#!/usr/bin/env bash
# Refresh every catalogue (zh_Hans and en) in one run: makemessages writes each app's strings to that app's
# locale/ (a new app only needs the folder) and the rest to the project's. Then every new Chinese source string
# becomes its own zh_Hans translation. English entries still need a translator: tests/ui/test_catalogues.py
# lists any that are missing, fuzzy or carry full-width punctuation.
set -euo pipefail
cd "$(dirname "$0")/.."
DEBUG=1 .venv/bin/python manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete -v 0 \
  --ignore=demo --ignore=tests --ignore=bench --ignore=var --ignore=.venv --ignore=staticfiles --ignore=node_modules
.venv/bin/python -m talentportal.catalogues fill-zh
