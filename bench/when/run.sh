#!/usr/bin/env bash
# Throughput of date finding + resolution on one thread (issue 7). Prints docs/s and ratios
# against a baseline measured in the same run and against HeidelTime's reported time.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run --release -q -p parallax-temporal --example dates_bench -- "$@"
