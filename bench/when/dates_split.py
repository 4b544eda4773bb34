#!/usr/bin/env python3
"""Scores `parallax dates` on dates-dev per half and per corpus (issue 18), stdlib only.

usage: dates_split.py [--parallax BIN] [--set DIR] [--seed N] [--errors FILE] [--half A|B]

The 256 documents are split into halves A and B with a fixed seed, stratified by corpus
(TimeBank, AQUAINT): within each corpus the ids are sorted, shuffled with `random.Random(seed)`
and the first half goes to A. Changes are tuned on A and checked on B. `parallax dates` runs
once over every document (each with its DCT, as `run_parallax.sh` does); the predictions are
then scored by the set's own `score.py` on each subset, so the figures are the same metric as
`run_parallax.sh`. Printed per subset: strict, relaxed and value F1 (TempEval-3), value accuracy;
then how well TIME, DURATION and SET expressions (`other_timexes`) are found and typed (a
second run with `--all-types`: by default `parallax dates` prints only DATE and TIME), and
the wall time of the whole `parallax dates` process per document (use a release build).

`--errors FILE` writes an error analysis (misses, spurious, wrong values, with context) for the
documents of `--half` (default A) — for development only; it quotes the research corpus, so
never commit its output.

The set is looked up as --set, else $PARALLAX_SHARED/corpus/dates-dev, else
../shared/corpus/dates-dev from the repository root.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def find_set(arg):
    if arg:
        return arg
    shared = os.environ.get("PARALLAX_SHARED") or os.path.join(ROOT, "..", "..", "shared")
    for d in (os.path.join(shared, "corpus", "dates-dev"), os.path.join(ROOT, "..", "shared", "corpus", "dates-dev")):
        if os.path.isfile(os.path.join(d, "gold.jsonl")):
            return d
    sys.exit("dates_split.py: dates-dev not found (pass --set or set PARALLAX_SHARED)")


def split(gold, seed):
    halves = {"A": set(), "B": set()}
    for corpus in sorted({g["corpus"] for g in gold.values()}):
        ids = sorted(i for i, g in gold.items() if g["corpus"] == corpus)
        random.Random(seed).shuffle(ids)
        k = (len(ids) + 1) // 2
        halves["A"].update(ids[:k])
        halves["B"].update(ids[k:])
    return halves


def run_parallax(binary, set_dir, gold, docs, work, extra=()):
    src = os.path.join(work, "in.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i, g in gold.items():
            f.write(json.dumps({"url": i, "published": g["dct"][:10], "text": docs[i]}) + "\n")
    t0 = time.perf_counter()
    out = subprocess.run([binary, "dates", src, "--format", "jsonl", *extra], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    print(" ".join(extra) or "default", end=": ")
    print(f"parallax dates, whole process: {len(gold)} documents in {wall * 1000:.0f} ms = "
          f"{wall * 1000 / len(gold):.3f} ms/document")
    if out.returncode != 0:
        sys.exit(f"parallax dates failed: {out.stderr[-500:]}")
    preds, order = {}, list(gold)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if len(rows) != len(order):
        sys.exit(f"parallax dates printed {len(rows)} records for {len(order)} documents")
    for key, r in zip(order, rows):
        text, tx = docs[key], []
        for e in r.get("dates", []):
            s, t = e["start"], e["text"]
            if text[s:s + len(t)] != t:
                # The JSONL reader trims the text: offsets are re-anchored on the nearest
                # occurrence, as run_parallax.sh does.
                hits, k = [], text.find(t)
                while k >= 0 and t:
                    hits.append(k)
                    k = text.find(t, k + 1)
                if not hits:
                    continue
                s = min(hits, key=lambda h: abs(h - s))
            tx.append({"text": t, "start": s, "end": s + len(t), "value": str(e.get("value") or ""),
                       "type": e.get("type", "")})
        preds[key] = {"id": key, "timexes": tx}
    return preds


def score(set_dir, gold, preds, ids, work, name):
    g_path, p_path, j_path = (os.path.join(work, f"{name}.{x}") for x in ("gold.jsonl", "pred.jsonl", "json"))
    with open(g_path, "w", encoding="utf-8") as gf, open(p_path, "w", encoding="utf-8") as pf:
        for i in sorted(ids):
            gf.write(json.dumps(gold[i]) + "\n")
            pf.write(json.dumps(preds.get(i, {"id": i, "timexes": []})) + "\n")
    subprocess.run([sys.executable, os.path.join(set_dir, "score.py"), g_path, p_path, "--json", j_path],
                   check=True, capture_output=True)
    with open(j_path, encoding="utf-8") as f:
        return json.load(f)


def overlap(a, b):
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def typing(gold, preds, ids):
    """Per gold type: found (some prediction overlaps) and typed right (the best overlap has its type)."""
    stats = {}
    for i in ids:
        ps = preds.get(i, {}).get("timexes", [])
        for g in (gold[i].get("timexes") or []) + (gold[i].get("other_timexes") or []):
            st = stats.setdefault(g["type"], [0, 0, 0])
            st[0] += 1
            best = max(ps, key=lambda p: overlap(g, p), default=None)
            if best is not None and overlap(g, best) > 0:
                st[1] += 1
                st[2] += best.get("type", "") == g["type"]
    return stats


def context(text, s, e, w=70):
    return (text[max(0, s - w):s] + "[[" + text[s:e] + "]]" + text[e:e + w]).replace("\n", " ")


def errors(path, gold, preds, docs, ids):
    rows = []
    for i in sorted(ids):
        g, text = gold[i], docs[i]
        ps = preds.get(i, {}).get("timexes", [])
        others = g.get("other_timexes") or []
        used = set()
        for t in g["timexes"]:
            cands = [(0 if (p["start"], p["end"]) == (t["start"], t["end"]) else 1, -overlap(t, p), k)
                     for k, p in enumerate(ps) if overlap(t, p) > 0 and k not in used]
            if not cands:
                rows.append(("MISS", i, g["dct"], t["value"], "", context(text, t["start"], t["end"])))
                continue
            k = min(cands)[2]
            used.add(k)
            p = ps[k]
            if (p["start"], p["end"]) != (t["start"], t["end"]):
                rows.append(("SPAN", i, g["dct"], t["text"], p["text"], context(text, t["start"], t["end"])))
            if p["value"].strip().upper() != t["value"].strip().upper():
                rows.append(("VALUE", i, g["dct"], t["value"], p["value"], context(text, t["start"], t["end"])))
        for k, p in enumerate(ps):
            if k in used:
                continue
            o = [x for x in others if overlap(p, x) > 0]
            kind = f"OTHER-{o[0]['type']}" if o else "SPURIOUS"
            gv = o[0]["value"] if o else ""
            rows.append((kind, i, g["dct"], gv, f"{p['value']} {p.get('type', '')}", context(text, p["start"], p["end"])))
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")
    counts = {}
    for r in rows:
        counts[r[0]] = counts.get(r[0], 0) + 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parallax", default=os.environ.get("PARALLAX", os.path.join(ROOT, "target/release/parallax")))
    ap.add_argument("--set")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--errors")
    ap.add_argument("--half", default="A", choices=["A", "B", "all"])
    a = ap.parse_args()
    set_dir = find_set(a.set)
    gold = {}
    with open(os.path.join(set_dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
    docs = {i: open(os.path.join(set_dir, "docs", i + ".txt"), encoding="utf-8", newline="").read() for i in gold}
    halves = split(gold, a.seed)
    with tempfile.TemporaryDirectory() as work:
        preds = run_parallax(a.parallax, set_dir, gold, docs, work)
        subsets = [("all", set(gold))]
        for h in ("A", "B"):
            subsets.append((h, halves[h]))
        for c in sorted({g["corpus"] for g in gold.values()}):
            for h in ("A", "B"):
                subsets.append((f"{h}-{c}", {i for i in halves[h] if gold[i]["corpus"] == c}))
            subsets.append((c, {i for i in gold if gold[i]["corpus"] == c}))
        print(f"{'subset':<12} {'docs':>4} {'gold':>5} {'strict':>6} {'relax':>6} {'v.acc':>6} {'v.F1':>6}")
        for name, ids in subsets:
            r = score(set_dir, gold, preds, ids, work, name)
            print(f"{name:<12} {len(ids):>4} {r['gold_date_timexes']:>5} {r['strict']['f1']:>6.3f} "
                  f"{r['relaxed']['f1']:>6.3f} {r['value']['accuracy']:>6.3f} {r['value']['f1_te3']:>6.3f}")
        print("types (all docs, --all-types): gold, found (overlapped), typed right")
        every = run_parallax(a.parallax, set_dir, gold, docs, work, ["--all-types"])
        for t, (n, found, right) in sorted(typing(gold, every, set(gold)).items()):
            print(f"  {t:<9} {n:>5} {found:>5} {right:>5}  found {found / n:.3f} typed {right / max(found, 1):.3f}")
        if a.errors:
            ids = set(gold) if a.half == "all" else halves[a.half]
            counts = errors(a.errors, gold, preds, docs, ids)
            print(f"errors of half {a.half} in {a.errors}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
