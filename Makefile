# invite-to-bill: `make run` to try it, `make test` to prove it.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint unit fast integration e2e browser bench profile-delivery clean

install: $(STAMP)

# Reinstalls only when the project's declared dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/invite-to-bill migrate
	$(BIN)/invite-to-bill demo
	$(BIN)/invite-to-bill serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian's chromium for the browser tests (Playwright drives it; it downloads no browser),
# and poppler-utils (pdftoppm, pdftotext) with which the tests read back the PDFs we make.
browser:
	@{ command -v chromium && command -v pdftoppm; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else echo "install Debian's chromium and poppler-utils for the browser and PDF tests"; fi; }

# The suite on several processes (pytest-xdist). Each worker is a test session of its own:
# its own PostgreSQL database, Redis database (of 1-12) and temporary directory. A test
# mostly waits (SMTP, PostgreSQL, chromium, child processes), so 4 workers on 2 cores
# (measured on an idle machine: 3 workers 455 s, 4 427 s, 6 472 s); worksteal evens out
# the long tail. `make test PYTEST_WORKERS=0` runs it in one process.
PYTEST_WORKERS ?= 4
PYTEST_ARGS    ?=
XDIST := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist worksteal)

test: lint browser
	$(BIN)/pytest tests $(XDIST) $(PYTEST_ARGS)

unit: install
	$(BIN)/pytest tests/unit

# The unit tests and the use cases through the real bootstrap with a fake relay and poster.
fast: install
	$(BIN)/pytest tests/unit tests/use_cases

integration: install
	$(BIN)/pytest tests/integration $(XDIST) $(PYTEST_ARGS)

e2e: install browser
	$(BIN)/pytest tests/e2e $(XDIST) $(PYTEST_ARGS)

# Each prints its figures and compares with a baseline measured in the same run
# (PostgreSQL and Redis of this machine; several minutes each). bench/procs.py and
# bench/sink.py are their helpers, not benchmarks.
BENCHMARKS := bench/invites.py bench/small_batch.py bench/answers.py bench/reminders.py bench/import.py bench/waiver_pdf.py bench/dashboard.py bench/pay_application.py

bench: install
	@for script in $(BENCHMARKS); do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# One delivery run (PROFILE_MESSAGES invites, default 1,000) profiled into var/profiles/:
# a sorted cProfile, and a pyinstrument flame graph (HTML). PROFILE_DATABASE=postgres too.
profile-delivery: install
	$(BIN)/python bench/profile_delivery.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
