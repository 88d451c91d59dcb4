# Loss Explorer. The two commands a fresh machine needs:
#   make serve   install what the build needs, then serve the widget at http://127.0.0.1:8080
#   make test    install what the tests need, then run every check and test (the end-to-end
#                suite in Chromium and Firefox)
# Both install only what is missing, so they are quick once a machine is set up.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# wasm-opt from the npm package binaryen must win over any older one on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export TRUNK_OFFLINE := true

WASM := --target wasm32-unknown-unknown
# The release module is built by a pinned nightly that compiles std itself with
# panic=immediate-abort: no panic messages, locations or their formatting in the module,
# 8.7 kB gzip less than stable's panic=abort (README, "Size"). Everything else (lint, tests,
# `make serve`) uses the stable toolchain. scripts/setup.sh installs both.
NIGHTLY := $(shell sed -n 's/^NIGHTLY=//p' scripts/setup.sh)
RELEASE_ENV := RUSTUP_TOOLCHAIN=$(NIGHTLY) CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
# Python tools (IPython, MkDocs Material, mpmath) live here; scripts/setup.sh makes it.
VENV_PYTHON := $(CURDIR)/.venv/bin/python

.PHONY: serve test quick setup-build setup-test lint native browser build size e2e e2e-chromium fixtures fuzz soak bench

serve: setup-build
	trunk serve

test: setup-test lint native browser build size e2e
	@echo "make test: every check passed"

# The inner loop: formatting, clippy, native tests, a release build and the Chromium pass of
# the end-to-end suite. Not a replacement for `make test` (no Firefox, no component tests).
quick: setup-test lint native build e2e-chromium
	@echo "make quick: passed (run make test before committing)"

setup-build:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	# Benches are native only (criterion); everything else is checked for wasm32 too.
	cargo clippy $(WASM) --lib --bins --tests -- -D warnings

# Unit, property, fixture and doc tests of the pure modules, on the host.
native:
	cargo test

# Component tests in headless Chromium through wasm-bindgen-test-runner.
browser:
	cargo test $(WASM) --test browser --test shipped_numbers

# The static site in dist/: what `make serve` shows, what the end-to-end tests load.
build: setup-build
	$(RELEASE_ENV) trunk build --release

# Fails when what the standalone page downloads is over size-budget.json's budget (gzip -9).
size:
	node scripts/size-gate.mjs

# Both browsers at once, one process each: the Chromium pass is short, so it runs beside the
# Firefox one.
e2e:
	node e2e/run.mjs

e2e-chromium:
	E2E_BROWSERS=chromium node e2e/run.mjs

# Regenerates tests/fixtures/loss_cases.txt with mpmath (an independent implementation).
fixtures:
	scripts/setup.sh python
	$(VENV_PYTHON) tests/fixtures/gen_loss_cases.py

# The long fuzz run of the config parser: 1,000,000 cases per property (a few minutes).
fuzz:
	FUZZ_CASES=1000000 cargo test --release --test config_fuzz -- --nocapture

# The long soak in headless Chromium and Firefox: 10,000 random actions in each
# (SOAK_SEED=n replays a run; E2E_BROWSERS=firefox runs one browser).
soak: setup-test build
	SOAK_ACTIONS=$${SOAK_ACTIONS:-10000} node --test e2e/soak.test.mjs

# Figures, not pass/fail: bundle bytes, load time, per-update cost, frames, memory, layout
# shift in headless Chromium (bench/run.mjs → bench/results.json), then the native hot path.
bench: setup-test build
	node bench/run.mjs
	cargo bench --bench hot_path
