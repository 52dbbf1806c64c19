# The two commands of the README: `make run` and `make test`.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in mails and the QR code on certificates point here: the address `make run` serves on.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test setup setup-test lint

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh test

run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo
	@echo ""
	@echo "TalentPortal is serving on $(SITE_URL)/  (log in at $(SITE_URL)/accounts/login/ with an account above)"
	@echo "Mails (notifications, verification links) are printed in this terminal (console backend)."
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: setup-test
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
