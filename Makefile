# The two commands of the README: `make run` and `make test`. Both build .venv first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

AXE    := tests/e2e/support/node_modules/axe-core/axe.min.js

.PHONY: venv run test lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# axe-core for the browser tests' accessibility checks (npm, pinned by package-lock.json).
$(AXE): tests/e2e/support/package.json tests/e2e/support/package-lock.json
	cd tests/e2e/support && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

run: venv
	$(PY) -m cmg_core demo

test: venv $(AXE)
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

bench: venv
	$(PY) -m bench

clean:
	rm -rf var/storage var/*.db var/mail-capture .pytest_cache
