#!/usr/bin/env bash
# Load benchmark of `parallax serve` on loopback (wrk, Debian package `wrk`).
#
# Ingests examples/seeds into a temporary database, starts the server on 127.0.0.1, and loads
# each endpoint for a bounded time (LOAD_SECONDS, default 5, over LOAD_CONNECTIONS=16
# connections and LOAD_THREADS=2 wrk threads): the story list (baseline), a story JSON, the story HTML page and two
# searches. Prints requests/s, p50/p99 latency, errors and non-2xx answers per endpoint, and
# each endpoint's throughput as a ratio of the baseline measured in the same run.
# Exits non-zero if any request failed.
#
# Usage: bench/load/run.sh [PARALLAX_BINARY]   (default: target/release/parallax, built if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${1:-${PARALLAX_BIN:-}}"
if [ -z "$bin" ]; then
  bin="${CARGO_TARGET_DIR:-target}/release/parallax"
  [ -x "$bin" ] || cargo build --release -p parallax-cli
fi
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

threads="${LOAD_THREADS:-2}"
secs="${LOAD_SECONDS:-5}"
conns="${LOAD_CONNECTIONS:-16}"
tmp="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

db="$tmp/load.db"
"$bin" ingest examples/seeds --db "$db" >/dev/null
story="$("$bin" stories --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$bin" serve --db "$db" --addr "127.0.0.1:$port" 2>"$tmp/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  python3 -c 'import urllib.request,sys
try: urllib.request.urlopen(sys.argv[1], timeout=1); sys.exit(0)
except Exception: sys.exit(1)' "http://127.0.0.1:$port/api/stories" && break
  sleep 0.1
done

printf '%-34s %8s %10s %9s %9s %7s %8s %9s\n' endpoint requests req/s p50_ms p99_ms errors non2xx vs_list
base_rps=""
failed=0
for path in "/api/stories" "/api/stories/$story" "/stories/$story" "/api/search?q=kremlin" "/api/search?q=talks&outlet=bbc"; do
  line="$(wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s bench/load/bounded.lua "http://127.0.0.1:$port$path" | grep '^RESULT')"
  read -r _ n rps p50 p99 errs non2xx <<<"$line"
  [ -z "$base_rps" ] && base_rps="$rps"
  ratio="$(python3 -c "print(f'{float($rps)/float($base_rps):.2f}')")"
  label="$path"; [ ${#label} -gt 34 ] && label="${label:0:31}..."
  printf '%-34s %8s %10s %9s %9s %7s %8s %9s\n' "$label" "$n" "$rps" "$p50" "$p99" "$errs" "$non2xx" "$ratio"
  if [ "$errs" != 0 ] || [ "$non2xx" != 0 ]; then failed=1; fi
done
if [ "$failed" != 0 ]; then
  echo "FAIL: some requests failed (see $tmp/serve.log)" >&2
  exit 1
fi
echo "ok: 0 errors"
