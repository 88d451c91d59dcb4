#!/usr/bin/env bash
# Where the wasm module's bytes are: builds the release module with names kept
# (wasm-opt -Oz -g) and attributes its code to crates and functions with
# ../shared/tools/wasm-sizes.py (or tools/wasm-sizes.py), then prints the shipped sizes.
#   scripts/wasm-size.sh [--fns] [--depth N] [--top N]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The module is named after the package (Cargo.toml, the one place it is written).
app=$(awk -F'"' '/^\[package\]/ { getline; print $2; exit }' Cargo.toml)
out=target/wasm-size
mkdir -p "$out"
# The release toolchain and panic strategy (Makefile, RELEASE_ENV).
nightly=$(sed -n 's/^NIGHTLY=//p' scripts/setup.sh)
RUSTUP_TOOLCHAIN=$nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo build --release --target wasm32-unknown-unknown --bin "$app" --quiet
wasm-bindgen --target web --no-typescript --out-dir "$out" "target/wasm32-unknown-unknown/release/$app.wasm"
# The same passes as the release build (index.html: data-wasm-opt, data-wasm-opt-params).
opts=(-Oz --converge --low-memory-unused)
wasm-opt "${opts[@]}" -g "$out/${app}_bg.wasm" -o "$out/named.wasm"
wasm-opt "${opts[@]}" --strip-producers --strip-target-features "$out/${app}_bg.wasm" -o "$out/shipped.wasm"
tool=../shared/tools/wasm-sizes.py
[ -f "$tool" ] || tool=tools/wasm-sizes.py
python3 "$tool" "$out/named.wasm" "$@"
for f in "$out/shipped.wasm" "$out/$app.js"; do
  printf '%s: %d raw, %d gzip -9\n' "$f" "$(wc -c < "$f")" "$(gzip -9c "$f" | wc -c)"
done
