# The two commands of the README: `make run` and `make test`. Both build .venv first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: venv run test lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

run: venv
	$(PY) -m cmg_core demo

test: venv
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

bench: venv
	$(PY) -m bench

clean:
	rm -rf var/storage var/*.db var/mail-capture .pytest_cache
