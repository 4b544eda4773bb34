#!/usr/bin/env python3
"""Checks a multi-worker PostgreSQL run against a reference partition.

Usage: check.py RUN.tsv RUN_ARTICLE_COUNT REFERENCE.tsv [SQLITE_REFERENCE.db]
RUN.tsv / REFERENCE.tsv: rows `job_source  state  article_id  story_id` (from the jobs and
articles tables). Prints the checks and the B-cubed precision, recall and F1 between the
story partitions of the stored articles; exits 1 when a check fails or F1 < 0.98.
"""
import collections
import sqlite3
import sys


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            rows.append(tuple(None if p in ("", "\\N") else p for p in parts))
    return rows


def bcubed(a, b):
    """B-cubed P, R, F1 of partition a (item -> cluster) against b, over their common items."""
    items = sorted(set(a) & set(b))
    ca, cb = collections.defaultdict(set), collections.defaultdict(set)
    for i in items:
        ca[a[i]].add(i)
        cb[b[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(ca[a[i]] & cb[b[i]])
        p += both / len(ca[a[i]])
        r += both / len(cb[b[i]])
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r)


def partition(rows):
    return {r[2]: r[3] for r in rows if r[1] == "done"}


def main():
    run, n_stored, ref = load(sys.argv[1]), int(sys.argv[2]), load(sys.argv[3])
    ok = True

    def check(cond, msg):
        nonlocal ok
        print(("ok   " if cond else "FAIL ") + msg)
        ok &= bool(cond)

    states = collections.Counter(r[1] for r in run)
    check(states.keys() <= {"done", "skipped"}, f"every job finished: {dict(states)}")
    sources = collections.Counter(r[0] for r in run)
    check(max(sources.values()) == 1, f"{len(run)} jobs, one per report")
    part = partition(run)
    check(all(r[3] for r in run if r[1] == "done"), "every stored report has a story")
    by_article = collections.defaultdict(set)
    for r in run:
        if r[1] == "done":
            by_article[r[2]].add(r[3])
    copies = sum(1 for r in run if r[1] == "done") - len(by_article)
    check(all(len(s) == 1 for s in by_article.values()), f"exact copies share a story ({copies} copies)")
    check(n_stored == len(by_article), f"every report stored exactly once: {n_stored} article rows for {len(by_article)} distinct texts")
    refpart = partition(ref)
    check(set(part) == set(refpart), f"same {len(part)} stored articles as the reference ({len(refpart)})")
    p, r, f1 = bcubed(part, refpart)
    print(f"B-cubed vs single worker: P={p:.4f} R={r:.4f} F1={f1:.4f}  stories {len(set(part.values()))} vs {len(set(refpart.values()))}")
    check(f1 >= 0.98, "F1 >= 0.98 against the single-worker partition")
    if len(sys.argv) > 4:
        db = sqlite3.connect(sys.argv[4])
        sq = dict(db.execute("SELECT id, story_id FROM articles"))
        check(set(sq) == set(part), f"same stored articles as the SQLite ingest ({len(sq)})")
        p, r, f1 = bcubed(part, sq)
        print(f"B-cubed vs SQLite ingest: P={p:.4f} R={r:.4f} F1={f1:.4f}  stories {len(set(sq.values()))}")
        check(f1 >= 0.98, "F1 >= 0.98 against the SQLite partition")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
