#!/usr/bin/env python3
"""Split-half scores for extraction work: develop on one half, check the other.

Each document of the corpus is put in half A or B by the SHA-1 of a fixed seed plus its key
(set and case/file name), so the split never changes. Scores an extraction JSONL (e.g. from
`PARALLAX_SHARED=/work/shared PARALLAX_EXTRACT_DUMP=out.jsonl cargo test --release -p
parallax-extract --test html_corpus`) with the corpus's own score.py functions:

    python3 bench/extract/halves.py out.jsonl [--corpus DIR] [--per-doc]

Per half: readability body token F1 (macro mean), trafilatura segment F1 (tp/fp/fn), and the
number of documents with an empty body.
"""
import argparse
import hashlib
import json
import os
import sys

SEED = "parallax-extract-halves-1"


def half(key):
    return "AB"[hashlib.sha1((SEED + "/" + key).encode()).digest()[0] & 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jsonl")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../../shared/corpus/extraction"))
    ap.add_argument("--per-doc", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, a.corpus)
    import score  # the corpus's scorer

    ext = score.load_extractions(a.jsonl)
    stats = {h: {"rf": [], "tp": 0, "fp": 0, "fn": 0, "empty": 0} for h in "AB"}
    root = os.path.join(a.corpus, "readability")
    for c in sorted(os.listdir(root)):
        gold_path = os.path.join(root, c, "expected.txt")
        if not os.path.isfile(gold_path):
            continue
        rec = ext.get(("readability", c))
        body = score.field(rec, "body")
        with open(gold_path, encoding="utf-8") as f:
            f1 = score.token_prf(body, f.read())[2]
        s = stats[half("readability/" + c)]
        s["rf"].append(f1)
        s["empty"] += not body.strip()
        if a.per_doc:
            print(f"{half('readability/' + c)}\treadability/{c}\t{f1:.3f}")
    with open(os.path.join(a.corpus, "trafilatura", "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    for name, g in sorted(gold.items()):
        rec = ext.get(("trafilatura", name))
        body = score.ws(score.field(rec, "body"))
        s = stats[half("trafilatura/" + name)]
        found = sum(1 for x in g["with"] if score.ws(x) in body)
        leaked = sum(1 for x in g["without"] if score.ws(x) in body)
        s["tp"] += found
        s["fn"] += len(g["with"]) - found
        s["fp"] += leaked
        s["empty"] += not body.strip()
        if a.per_doc:
            print(f"{half('trafilatura/' + name)}\ttrafilatura/{name}\t{found}/{len(g['with'])}\t{leaked}/{len(g['without'])}")
    for h, s in stats.items():
        rf = sum(s["rf"]) / len(s["rf"])
        seg = 2 * s["tp"] / (2 * s["tp"] + s["fp"] + s["fn"])
        print(
            f"half {h}: readability F1 {rf:.4f} ({len(s['rf'])} cases) | trafilatura segment F1 {seg:.4f}"
            f" (tp {s['tp']} fp {s['fp']} fn {s['fn']}) | empty bodies {s['empty']}"
        )


if __name__ == "__main__":
    main()
