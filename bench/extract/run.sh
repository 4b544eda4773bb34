#!/usr/bin/env bash
# Extraction benchmark: Python trafilatura (with metadata) vs parallax, same pages, one run,
# single-threaded. Prints pages/s for each, the ratio, and body F1 for both.
#
#   bench/extract/run.sh [CORPUS_DIR]
#
# CORPUS_DIR defaults to ../shared/corpus/extraction (trafilatura/ news subset; the Readability
# set is also timed when present). The runner makes its own venv (bench/extract/.venv) and pip
# installs trafilatura from PyPI (TRAFILATURA_VERSION, default 2.3.1).
# PARALLAX_BIN=path uses an existing binary; otherwise `cargo build --release -p parallax-cli`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-$root/../shared/corpus/extraction}"
venv="${BENCH_VENV:-$here/.venv}"
version="${TRAFILATURA_VERSION:-2.3.1}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import trafilatura, sys; sys.exit(trafilatura.__version__ != '$version')" 2>/dev/null; then
  # justext (a trafilatura dependency) needs lxml.html.clean, now a separate package.
  "$venv/bin/pip" install -q "trafilatura==$version" lxml_html_clean
fi

bin="${PARALLAX_BIN:-}"
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --release -q -p parallax-cli)
  bin="${CARGO_TARGET_DIR:-$root/target}/release/parallax"
fi

exec "$venv/bin/python" "$here/bench.py" --parallax "$bin" --corpus "$corpus"
