# The two commands: `make site` builds the report, `make test` runs every test.
# Both bootstrap .venv from the project's own files on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test golden eval coder bench clean browser-deps

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/report build --input content/transcripts --output output

# Browser tests need Debian's Chromium and axe-core from npm; install them where missing.
# Without root (a user's clone) the install is skipped with a warning and the browser tests say why they skip.
browser-deps: node_modules/.installed
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; } || echo "warning: could not install chromium (needs root); browser tests will be skipped"

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent || echo "warning: npm ci failed; accessibility tests will be skipped"
	touch $@

test: $(STAMP) browser-deps
	$(BIN)/ruff check generator tests bench pelican.conf.py
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Regenerate the golden files on purpose, then read the diff before committing.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

clean:
	rm -rf output .output-build .output-old build

CORPUS ?= ../shared/corpus/anthropic-interviewer
RESERVED ?= ../shared/reserved-ids.txt

# Agreement with careful human coding on the two held-out parts; needs ../shared/corpus.
# The complete sentence-level annotation (test) is what the site publishes.
eval: $(STAMP)
	$(BIN)/report eval --part heldout
	$(BIN)/report eval --part test --write eval/agreement.json

# Retrain the learned sentence coder from eval/sentences/ and the dimension coder from eval/dimensions/
# (deterministic; commit the results).
coder: $(STAMP)
	$(BIN)/python tools/train_coder.py --corpus $(CORPUS) --reserved $(RESERVED)
	$(BIN)/python tools/train_dimensions.py --corpus $(CORPUS) --reserved $(RESERVED)

# Benchmarks (not tests): ratios against a reference measured in the same run.
# bench_scale builds 1,125 to 80,000 interviews (about an hour on two cores); pick sizes with
# `make bench SCALE_SIZES=1125,10000`.
SCALE_SIZES ?= 1125,10000,80000
bench: $(STAMP)
	$(BIN)/python bench/bench_analysis.py
	$(BIN)/python bench/bench_rebuild.py
	$(BIN)/python bench/bench_scale.py --sizes $(SCALE_SIZES)
