#!/usr/bin/env bash
# Throughput of entities + quotes on one thread (issue 8). Prints articles/s and ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run --release -q -p parallax-analyze --example who_bench -- "${1:-10}"
