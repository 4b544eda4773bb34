#!/usr/bin/env bash
# Work-queue benchmark and multi-worker check (issue 17). Not a test: needs a release build,
# PostgreSQL server binaries (Debian package `postgresql`) and the dev corpus in ../shared.
#
# 1. Writes ~TOTAL reports to a temporary directory (bench/queue/inputs.py: the dev corpus,
#    read from ../shared at run time, plus the seeds re-dated, renamed and copied).
# 2. Starts a throw-away PostgreSQL cluster on a free loopback port (as the `postgres` user
#    when run as root), stopped at exit.
# 3. Reference runs: `parallax ingest` into SQLite, and one `parallax worker`.
# 4. Throughput with 2 and 4 workers (each run in its own schema of the same server).
# 5. Three workers at once, one SIGKILLed mid-run and restarted; checks (bench/queue/check.py):
#    every report stored once, exact copies share a story, B-cubed F1 >= 0.98 against the
#    single-worker and the SQLite partitions.
#
# Usage: bench/queue/run.sh [TOTAL]   (default 2000; PARALLAX_SHARED overrides ../shared)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOTAL=${1:-2000}
SHARED=${PARALLAX_SHARED:-$ROOT/../shared}
DEV=$SHARED/corpus/multinews-dev/articles
[ -d "$DEV" ] || { echo "skipping: no dev corpus at $DEV (set PARALLAX_SHARED)"; exit 0; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "skipping: no PostgreSQL server binaries (apt-get install postgresql)"; exit 0; }

# PARALLAX_BIN: use this binary instead of building a release one.
if [ -z "${PARALLAX_BIN:-}" ]; then cargo build --release -q -p parallax-cli; fi
BIN=${PARALLAX_BIN:-$ROOT/target/release/parallax}
WORK=$(mktemp -d /tmp/parallax-queue-bench.XXXXXX)
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 bench/queue/inputs.py examples/seeds "$DEV" "$WORK/in" "$TOTAL"
mkdir -p "$WORK/pg" && [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PGBIN/initdb" -D "$WORK/pg" -A trust -U parallax -E UTF8 --no-sync >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w start \
  -o "-p $PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
BASE="postgres://parallax@127.0.0.1:$PORT/postgres"
psql_() { psql "$BASE" -qAtX -v ON_ERROR_STOP=1 "$@"; }
url() { psql_ -c "CREATE SCHEMA IF NOT EXISTS $1"; echo "$BASE?options=-csearch_path%3D$1"; }
dump() { # jobs of schema $1 as job_source, state, article_id, story_id
  psql_ -F $'\t' -c "SELECT j.source, j.state, j.article_id, a.story_id FROM $1.jobs j
                     LEFT JOIN $1.articles a ON a.id = j.article_id ORDER BY j.id" >"$WORK/$1.tsv"
}
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/($3-$2):.1f}')"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now); "$BIN" ingest "$WORK/in" --db "$WORK/ref.db" >"$WORK/ingest.out" 2>/dev/null; t1=$(now)
echo "sqlite ingest (one process): $(tail -1 "$WORK/ingest.out")"
echo "sqlite ingest: $(rate "$TOTAL" "$t0" "$t1") reports/s"

# workers N SCHEMA [extra worker args...]: enqueue, run N workers until empty, print throughput.
workers() {
  local n=$1 schema=$2; shift 2
  local u; u=$(url "$schema")
  "$BIN" enqueue "$WORK/in" --db "$u" >/dev/null 2>&1
  local t0 t1 pids=()
  t0=$(now)
  for i in $(seq 1 "$n"); do
    "$BIN" worker --db "$u" --until-empty --poll 0.2 --name "$schema-w$i" "$@" >"$WORK/$schema-w$i.out" 2>"$WORK/$schema-w$i.err" &
    pids+=($!)
  done
  PIDS+=("${pids[@]}")
  wait "${pids[@]}"
  t1=$(now)
  dump "$schema"
  local stories; stories=$(psql_ -c "SELECT COUNT(*) FROM $schema.stories")
  echo "$n worker(s): $(rate "$TOTAL" "$t0" "$t1") reports/s ($(python3 -c "print(f'{$t1-$t0:.1f}')") s), $stories stories"
}

workers 1 w1
workers 2 w2
workers 4 w4

# The kill test: three workers, one SIGKILLed once a third of the jobs are done, restarted.
U=$(url k3)
"$BIN" enqueue "$WORK/in" --db "$U" >/dev/null 2>&1
LEASE=5
for i in 1 2 3; do
  "$BIN" worker --db "$U" --until-empty --poll 0.2 --lease $LEASE --name "k3-w$i" >"$WORK/k3-w$i.out" 2>"$WORK/k3-w$i.err" &
  PIDS+=($!); eval "K$i=$!"
done
while [ "$(psql_ -c "SELECT COUNT(*) FROM k3.jobs WHERE state <> 'queued'")" -lt $((TOTAL / 3)) ]; do sleep 0.2; done
HELD=$(psql_ -c "SELECT COUNT(*) FROM k3.jobs WHERE leased_by = 'k3-w1' AND state = 'queued'")
kill -9 "$K1"; wait "$K1" 2>/dev/null || true
echo "SIGKILLed worker k3-w1 holding $HELD leased job(s); restarting it"
"$BIN" worker --db "$U" --until-empty --poll 0.2 --lease $LEASE --name "k3-w1b" >"$WORK/k3-w1b.out" 2>"$WORK/k3-w1b.err" &
PIDS+=($!)
wait "$K2" "$K3" "${PIDS[-1]}"
dump k3
RETRIED=$(psql_ -c "SELECT COUNT(*) FROM k3.jobs WHERE attempts > 1")
echo "jobs claimed more than once (the killed worker's, after their lease ran out): $RETRIED"
N_STORED=$(psql_ -c "SELECT COUNT(*) FROM k3.articles")
python3 bench/queue/check.py "$WORK/k3.tsv" "$N_STORED" "$WORK/w1.tsv" "$WORK/ref.db"
for s in w2 w4; do
  echo "-- $s against the single worker:"
  python3 bench/queue/check.py "$WORK/$s.tsv" "$(psql_ -c "SELECT COUNT(*) FROM $s.articles")" "$WORK/w1.tsv" "$WORK/ref.db" | grep -E "B-cubed|FAIL" || true
done

# Figures for the scale estimate.
psql_ -c "SELECT 'articles table + indexes (w1): ' || pg_size_pretty(pg_total_relation_size('w1.articles'))
          || ', GIN index: ' || pg_size_pretty(pg_relation_size('w1.articles_search'))
          || ', stories: ' || pg_size_pretty(pg_total_relation_size('w1.stories'))
          || ', jobs: ' || pg_size_pretty(pg_total_relation_size('w1.jobs'))"
