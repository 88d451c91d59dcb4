#!/usr/bin/env bash
# Installs, only when missing, every tool the build and the tests need; safe to run again.
#
#   scripts/setup.sh build   wasm target, Trunk, wasm-bindgen-cli, npm packages (binaryen)
#   scripts/setup.sh test    all of the above plus Chromium, ChromeDriver and Firefox ESR, and
#                            the documentation tools the embedding recipes are tested with
#                            (mdBook, Hugo, IPython)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
MDBOOK_VERSION=0.5.4
IPYTHON_VERSION=8.18.1
# Must equal the wasm-bindgen version pinned in Cargo.toml / Cargo.lock.
WASM_BINDGEN_VERSION=0.2.130

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
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

ensure_recipe_tools() {
  if ! mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then
    log "installing mdbook $MDBOOK_VERSION (compiles once, about 6 minutes)"
    cargo install mdbook --locked --version "$MDBOOK_VERSION"
  fi
  if ! python3 -c 'import IPython' 2>/dev/null; then
    log "installing IPython $IPYTHON_VERSION (the Jupyter recipe's IFrame)"
    python3 -m pip install --quiet --disable-pip-version-check "ipython==$IPYTHON_VERSION"
  fi
}

case "${1:-test}" in
  build)
    ensure_wasm_target; ensure_npm_packages; ensure_trunk; ensure_wasm_bindgen ;;
  test)
    ensure_wasm_target; ensure_npm_packages; ensure_debian_packages; ensure_trunk; ensure_wasm_bindgen
    ensure_recipe_tools ;;
  *)
    echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac
