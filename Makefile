# Siyu: `make run` serves the app on the demo dataset, `make test` runs lint and every test.
# Both create .venv and install the pinned requirements first; nothing is installed by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test lint format demo bench scaleout nginx soak clean browser

# The browser tests drive Debian's Chromium (never a downloaded one); CJK fonts draw Chinese.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt requirements-clickhouse.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -r requirements-clickhouse.txt
	touch $(VENV)/.run-installed $@

demo: $(VENV)/.run-installed
	$(BIN)/python -m siyu demo

run: demo
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.address localhost

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint queries --disable-progress-bar

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

browser:
	@dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
		$(SUDO) apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends chromium fonts-noto-cjk; }

test: lint browser
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The performance suite (tests/bench/bench.py): writes BENCHMARKS.md; data cached in data/bench/.
bench: $(VENV)/.dev-installed browser nginx
	$(BIN)/python tests/bench/bench.py

# Two replicas behind Debian's nginx (also run by `make bench`; `make test` skips it).
scaleout: $(VENV)/.dev-installed browser nginx
	SIYU_SCALEOUT=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/test_replicas.py

nginx:
	@dpkg -s nginx >/dev/null 2>&1 || { \
		echo "Installing Debian's nginx for the scale-out test"; \
		$(SUDO) apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends nginx; }

# 20 browser sessions for 2 minutes while imports run (SIYU_SOAK_SECONDS, SIYU_SOAK_SESSIONS).
soak: $(VENV)/.dev-installed browser
	$(BIN)/python -m pytest -q -s -p no:cacheprovider tests/e2e/soak.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
