# presswatch: `make run` and `make test` work on a fresh clone with Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run test test-fast lint fuzz bench bench-extract bench-extract-web bench-analytics bench-scale clean

install: $(STAMP)

# Exact versions come from constraints.txt, so every machine resolves the same environment.
$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "presswatch needs $(PYTHON) (set PYTHON=... to choose another 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Debian's chromium, for the tests that open the HTML report in a real browser.
browser:
	@.ci/ensure-chromium

run: $(STAMP)
	$(BIN)/presswatch run

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Everything except the tests that run real Prefect flows, start processes or open a browser (~1 min).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not flow and not process and not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The fuzz tests of `make test` (tests/test_fuzz.py, a few dozen inputs per target) with thousands of
# inputs per target and no deadline, printing hypothesis' statistics (inputs tried per target); then
# coverage-guided fuzzing of the byte-level loaders with atheris (tests/fuzz_atheris.py, FUZZ_RUNS
# inputs). An input that breaks a target goes into tests/fuzz_regressions/<target>/ (see tests/fuzzing.py).
FUZZ_RUNS ?= 20000
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics
	$(BIN)/python -m tests.fuzz_atheris $(FUZZ_RUNS)

# Benchmarks print JSON figures with ratios against a baseline measured in the same run.
bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_transforms.py
	$(BIN)/python bench/bench_incremental.py

# Extraction quality and speed against bare trafilatura on the shared corpus (dev and held-out pages).
bench-extract: $(STAMP)
	$(BIN)/python bench/bench_extract.py

# The text presswatch stores when `presswatch run` fetches the held-out corpus pages over HTTP (loopback),
# scored against bare trafilatura on the same bytes; catch-all event profile in bench/extract_web/.
bench-extract-web: $(STAMP)
	$(BIN)/python bench/bench_extract_web.py

# Analytics (entities, quotes and speakers, claims, conflicts, names) against hand-labelled events:
# the development events (bench/analytics_gold/), the held-out ones nobody tunes on
# (bench/analytics_gold_heldout/), and the bundled visit's seed gold.
bench-analytics: $(STAMP)
	$(BIN)/python bench/bench_analytics.py
	$(BIN)/python bench/bench_analytics.py --gold bench/analytics_gold_heldout

# presswatch end to end on N generated news pages served on loopback hosts (needs ../shared/corpus/html);
# each size prints one JSON object. The 10000-page run takes a long while on a small machine.
bench-scale: $(STAMP)
	$(BIN)/python bench/bench_scale.py --pages 1000
	$(BIN)/python bench/bench_scale.py --pages 10000

clean:
	rm -rf $(VENV) reports warehouse/presswatch.duckdb warehouse/presswatch.duckdb.wal .pytest_cache
