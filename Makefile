# Every target creates .venv when it is missing, so a fresh clone needs only `make build`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
LOWEST  := .venv-lowest
UV_VERSION := 0.13.10
# The locks: universal (one set of pins for Linux, macOS and Windows), Python 3.11 and up.
LOCK_FLAGS := --quiet --universal --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock"

.PHONY: build test test-deep test-cluster test-lowest lint lock golden schemas bench calibrate docs screenshot clean

# Two stamps: building needs the package and its runtime dependencies only; the tests
# and dev tools (pytest, hypothesis, ruff, mypy, the loaders a release is checked with,
# pyspark for the Spark engine's tests, playwright) come with the first `make test`.
# Both install the exact versions of a lock in requirements/ (hash-checked, plain pip),
# then the package itself without dependencies.
$(STAMP): requirements/lock.txt pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements/dev.lock.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock.txt
	touch $(DEV_STAMP)

# uv compiles the locks (make lock) and makes .venv-lowest (make test-lowest); nothing else needs it.
$(BIN)/uv:
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# The oldest supported versions: what pyproject.toml's lower bounds allow (requirements/lowest.lock.txt).
$(LOWEST)/.installed: requirements/lowest.lock.txt pyproject.toml | $(BIN)/uv
	rm -rf $(LOWEST)
	$(BIN)/uv venv --quiet --python $(PY) $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --require-hashes -r requirements/lowest.lock.txt
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --no-deps -e .
	touch $@

## build: create .venv if needed, extract, validate and write dist/<version>/
build: $(STAMP)
	$(BIN)/dataset build
	$(BIN)/dataset validate
	@echo "The dataset command is $(BIN)/dataset ('source $(BIN)/activate' puts it on your PATH)."

## test: the whole test suite (what CI runs, with the properties derandomized)
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=20

## test-deep: the property tests (those that use hypothesis) in the deep profile: 20 times the
##            examples (fewer for costly ones), new ones each run, with hypothesis's statistics;
##            about 11 minutes on 2 cores. A failure it finds is kept in tests/hypothesis-examples/
test-deep: $(DEV_STAMP)
	HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest -n auto --dist worksteal -m hypothesis \
		--hypothesis-show-statistics --durations=40

## test-cluster: every Spark standalone-cluster test: those make test runs (the library's
##               builds compared byte for byte), the README's spark-submit recipe, the cluster's faults (a worker killed
##               mid-build, a worker that cannot see the folders, executors as another user)
##               and the recipe with a packed environment: a new venv from PyPI, packed with
##               venv-pack and sent to the executors (needs network; a few minutes)
test-cluster: $(DEV_STAMP)
	DATASET_CLUSTER=1 $(BIN)/python -m pytest tests/test_spark_cluster.py --durations=10

## test-lowest: the oldest supported versions (requirements/lowest.lock.txt: the lowest that
##              pyproject.toml's ranges allow, in .venv-lowest) against the locked ones (.venv):
##              both build the seeds to the same content hashes, and each validates the other's release
test-lowest: $(STAMP) $(LOWEST)/.installed
	.ci/lowest $(BIN) $(LOWEST)/bin

## lock: refresh the locks in requirements/ from pyproject.toml's ranges with uv (installed into
##       .venv if missing): pins that still fit are kept; `make lock UPGRADE=1` takes the newest
# lowest.lock.txt is always compiled afresh: uv keeps an old pin that still fits over the lowest one.
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) \
		-o requirements/lock.txt
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) --extra dev \
		-c requirements/lock.txt -o requirements/dev.lock.txt
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) --upgrade --resolution lowest-direct \
		-o requirements/lowest.lock.txt
	$(BIN)/python .ci/lockhash.py requirements/lock.txt requirements/dev.lock.txt requirements/lowest.lock.txt

## lint: ruff (check and format) on the package, the tests and the benchmarks; mypy strict
##       on the package (what CI runs before the tests)
lint: $(DEV_STAMP)
	$(BIN)/ruff check dataset tests benchmarks
	$(BIN)/ruff format --check dataset tests benchmarks
	$(BIN)/mypy dataset

## golden: rewrite tests/golden/*.expected.jsonl that differ from the build (review `git diff tests/golden`!)
##         and draft tests/golden/<source_id>.draft.jsonl for each new source, for a person to review
golden: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

## schemas: regenerate the published contract in schemas/
schemas: $(DEV_STAMP)
	$(BIN)/python -m dataset.tables.contract schemas

## bench: extraction speed on a corpus (default: the seeds; CORPUS=path.jsonl for another)
bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/bench_extract.py $(CORPUS)

## calibrate: recompute row confidence on an annotated corpus (GOLD=path.jsonl)
calibrate: $(DEV_STAMP)
	$(BIN)/python benchmarks/calibrate.py $(GOLD) --write

## docs: refresh the --help text embedded in README.md
docs: $(DEV_STAMP)
	$(BIN)/cog -r README.md

## screenshot: redraw docs/report.png, the README's picture of the review page (needs chromium)
screenshot: $(DEV_STAMP)
	$(BIN)/python docs/screenshot.py

clean:
	rm -rf $(VENV) $(LOWEST) .pytest_cache .mypy_cache .ruff_cache .hypothesis
