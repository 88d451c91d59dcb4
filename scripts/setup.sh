#!/usr/bin/env bash
# Installs, only when missing, every tool the build and the tests need; safe to run again.
#
#   scripts/setup.sh build   wasm target, Trunk, wasm-bindgen-cli, npm packages (binaryen)
#   scripts/setup.sh test    all of the above plus Chromium, ChromeDriver and Firefox ESR, and
#                            the documentation tools the embedding recipes are tested with
#                            (mdBook, Hugo, and in .venv/ IPython, MkDocs Material and mpmath;
#                            Docusaurus in e2e/docusaurus/node_modules)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The toolchain of release builds (Makefile, RELEASE_ENV): a nightly, pinned, because only a
# nightly can rebuild std with panic=immediate-abort. The Makefile reads this line.
NIGHTLY=nightly-2026-05-20
MDBOOK_VERSION=0.5.4
# The wasm-bindgen CLI must be the version of the crate the module is built with: read from
# Cargo.lock (Cargo.toml pins it), the one place it is written.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "[setup] could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
# Python tools live in a virtual environment: Debian's Python refuses pip (PEP 668).
VENV=.venv

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_nightly() {
  if ! rustup run "$NIGHTLY" rustc --print sysroot >/dev/null 2>&1 \
    || ! rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src' \
    || ! rustup target list --toolchain "$NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
    log "installing $NIGHTLY with rust-src and the wasm32 target (release builds)"
    rustup toolchain install "$NIGHTLY" --profile minimal -c rust-src -t wasm32-unknown-unknown
  fi
  # The release build compiles std from rust-src with Trunk's --offline: std's own
  # dependencies (its Cargo.lock) must be in Cargo's cache first. Quick when they are.
  local library
  library="$(rustup run "$NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library"
  RUSTUP_TOOLCHAIN="$NIGHTLY" cargo fetch --quiet --manifest-path "$library/Cargo.toml"
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    log "installing trunk $TRUNK_VERSION (compiles once, about 10 minutes)"
    cargo install trunk --locked --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # --locked fails on this registry mirror (a yanked webpki-roots); unlocked resolves.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
      || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_npm_packages() {
  # node_modules/.package-lock.json is rewritten by every install, so it is newer than the
  # committed lock file exactly when the install is current.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (binaryen, puppeteer-core, axe-core)"
    npm ci --no-audit --no-fund
  fi
}

ensure_debian_packages() {
  # The end-to-end suite runs in both browsers; the component tests drive Chromium through
  # ChromeDriver; Hugo builds the static-site recipe's page.
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  command -v hugo >/dev/null || missing+=(hugo)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian's ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
  fi
}

ensure_python_tools() {
  # .venv/.installed is written after a complete install, so it is newer than the
  # requirements exactly when the install is current.
  if [ -x "$VENV/bin/python" ] && [ "$VENV/.installed" -nt scripts/requirements.txt ]; then
    return
  fi
  local python=/usr/bin/python3
  [ -x "$python" ] || python=$(command -v python3)
  if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    log "installing Debian's python3-venv"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y python3-venv
  fi
  log "installing IPython, MkDocs Material and mpmath into $VENV (scripts/requirements.txt)"
  "$python" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r scripts/requirements.txt
  touch "$VENV/.installed"
}

ensure_docusaurus() {
  local dir=e2e/docusaurus
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing Docusaurus for the documentation-site tests (about 2 minutes the first time)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
}

ensure_recipe_tools() {
  if ! mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then
    log "installing mdbook $MDBOOK_VERSION (compiles once, about 6 minutes)"
    cargo install mdbook --locked --version "$MDBOOK_VERSION"
  fi
  ensure_python_tools
  ensure_docusaurus
}

case "${1:-test}" in
  build)
    ensure_wasm_target; ensure_nightly; ensure_npm_packages; ensure_trunk; ensure_wasm_bindgen ;;
  python)
    ensure_python_tools ;;
  test)
    ensure_wasm_target; ensure_nightly; ensure_npm_packages; ensure_debian_packages; ensure_trunk; ensure_wasm_bindgen
    ensure_recipe_tools ;;
  *)
    echo "usage: $0 [build|test|python]" >&2; exit 2 ;;
esac
