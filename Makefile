# The two commands of the README: `make run` and `make test`.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup setup-test lint

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh test

run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0
	DEBUG=1 $(PY) manage.py seed_demo
	@echo ""
	@echo "TalentPortal is serving on http://$(HOST):$(PORT)/  (log in at http://$(HOST):$(PORT)/accounts/login/ with an account above)"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup-test
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
