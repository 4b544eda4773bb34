"""Times trafilatura (with metadata) and parallax on the same pages, single-threaded, and
scores both with the corpus's rules (segment F1 on the trafilatura set, token F1 on the
Readability set). Run through run.sh."""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def load_scorer(corpus):
    spec = importlib.util.spec_from_file_location("score", os.path.join(corpus, "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pages(corpus):
    out = []  # (set, key, path)
    tdir = os.path.join(corpus, "trafilatura", "html")
    if os.path.isdir(tdir):
        for f in sorted(os.listdir(tdir)):
            if f.endswith(".html"):
                out.append(("trafilatura", f, os.path.join(tdir, f)))
    rdir = os.path.join(corpus, "readability")
    if os.path.isdir(rdir):
        for c in sorted(os.listdir(rdir)):
            p = os.path.join(rdir, c, "source.html")
            if os.path.isfile(p):
                out.append(("readability", c, p))
    return out


def run_trafilatura(items):
    import trafilatura

    res = {}
    t0 = time.perf_counter()
    for s, key, path in items:
        with open(path, "rb") as f:
            raw = f.read()
        doc = trafilatura.bare_extraction(raw, with_metadata=True)
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
        doc = doc or {}
        res[(s, key)] = {
            "title": doc.get("title") or "",
            "byline": doc.get("author") or "",
            "published": doc.get("date") or "",
            "body": doc.get("text") or "",
        }
    return res, time.perf_counter() - t0


def run_parallax(binary, items):
    tmp = tempfile.mkdtemp(prefix="pxbench-")
    try:
        names = {}
        for s, key, path in items:
            name = f"{s}__{key}" if key.endswith(".html") else f"{s}__{key}.html"
            os.symlink(os.path.abspath(path), os.path.join(tmp, name))
            names[name] = (s, key)
        t0 = time.perf_counter()
        out = subprocess.run(
            [binary, "extract", "--threads", "1", "--format", "jsonl", tmp],
            check=False,
            capture_output=True,
            text=True,
        )
        dt = time.perf_counter() - t0
        res = {}
        for line in out.stdout.splitlines():
            r = json.loads(line)
            k = names.get(r["source"])
            if k:
                res[k] = r
        return res, dt
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def seg_f1(sc, gold, res):
    tp = fp = fn = 0
    for name, g in gold.items():
        body = sc.ws((res.get(("trafilatura", name)) or {}).get("body") or "")
        found = sum(1 for s in g["with"] if sc.ws(s) in body)
        leaked = sum(1 for s in g["without"] if sc.ws(s) in body)
        tp, fn, fp = tp + found, fn + len(g["with"]) - found, fp + leaked
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0, tp, fp, fn


def tok_f1(sc, corpus, res):
    rdir = os.path.join(corpus, "readability")
    cases = sorted(c for c in os.listdir(rdir) if os.path.isfile(os.path.join(rdir, c, "expected.txt")))
    tot = 0.0
    for c in cases:
        with open(os.path.join(rdir, c, "expected.txt"), encoding="utf-8") as f:
            gold = f.read()
        tot += sc.token_prf((res.get(("readability", c)) or {}).get("body") or "", gold)[2]
    return tot / len(cases)


def meta_acc(sc, gold, res):
    ok = [0, 0, 0]
    for name, g in gold.items():
        r = res.get(("trafilatura", name)) or {}
        ok[0] += sc.norm_str(r.get("title") or "") == sc.norm_str(g.get("title") or "")
        ok[1] += sc.norm_str(r.get("byline") or "", True) == sc.norm_str(g.get("author") or "", True)
        ok[2] += sc.norm_date(r.get("published") or "") == sc.norm_date(g.get("date") or "")
    n = len(gold)
    return f"title {ok[0]}/{n} author {ok[1]}/{n} date {ok[2]}/{n}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parallax", required=True)
    ap.add_argument("--corpus", required=True)
    a = ap.parse_args()
    import trafilatura

    sc = load_scorer(a.corpus)
    with open(os.path.join(a.corpus, "trafilatura", "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    items = pages(a.corpus)
    news = [x for x in items if x[0] == "trafilatura"]
    print(f"pages: {len(news)} news pages (trafilatura set), {len(items) - len(news)} Readability pages")
    print(f"trafilatura {trafilatura.__version__} (bare_extraction, with_metadata=True), parallax {a.parallax}; one thread each")
    for label, subset in [("news pages (trafilatura set)", news), ("all pages", items)]:
        tr, ttr = run_trafilatura(subset)
        px, tpx = run_parallax(a.parallax, subset)
        n = len(subset)
        print(f"\n== {label}: {n} pages")
        print(f"trafilatura: {n / ttr:8.1f} pages/s ({ttr:.2f} s)")
        print(f"parallax:    {n / tpx:8.1f} pages/s ({tpx:.2f} s, whole process incl. start-up and file reads)")
        print(f"speed ratio parallax/trafilatura: {ttr / tpx:.1f}x")
        f_tr, *c_tr = seg_f1(sc, gold, tr)
        f_px, *c_px = seg_f1(sc, gold, px)
        print(f"body F1 (segments, trafilatura set): trafilatura {f_tr:.3f} (tp/fp/fn {c_tr}), parallax {f_px:.3f} (tp/fp/fn {c_px})")
        print(f"metadata (trafilatura set): trafilatura {meta_acc(sc, gold, tr)}; parallax {meta_acc(sc, gold, px)}")
        if any(x[0] == "readability" for x in subset):
            print(f"body token F1 (Readability set): trafilatura {tok_f1(sc, a.corpus, tr):.3f}, parallax {tok_f1(sc, a.corpus, px):.3f}")


if __name__ == "__main__":
    sys.exit(main())
