#!/usr/bin/env python3
"""Writes the benchmark's input reports into OUT (a temporary directory; nothing is copied
into the repository):

* the dev-corpus articles (read from ../shared at run time), unchanged: all of them, or the
  first TOTAL / 2 for a small run;
* the seed reports re-dated: variant v moves every year 2025 to 2026 + v // 12 and every
  month name of April to the v % 12-th month, so each variant is the same event at another
  time, and the file is renamed `vVVV_<seed name>`;
* an exact copy of every seed variant whose number is divisible by COPY_EVERY, with white
  space changed (different bytes, so a separate job; the same article text, so the same
  content hash: it must be stored once and share the story).

Usage: inputs.py SEEDS_DIR DEV_ARTICLES_DIR OUT TOTAL
"""
import os
import re
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
COPY_EVERY = 5


def redate(text, v):
    year = str(2026 + v // 12)
    month = MONTHS[v % 12]
    text = re.sub(r"\b2025\b", year, text)
    text = re.sub(r"\bApril\b", month, text)
    text = re.sub(r"\bApr\b", month[:3], text)
    text = re.sub(r"\b2025-04-", f"{year}-{v % 12 + 1:02d}-", text)
    return re.sub(r"\b(\d{4})-04-(\d\d)\b", lambda m: f"{m.group(1)}-{v % 12 + 1:02d}-{m.group(2)}", text)


def main():
    seeds_dir, dev_dir, out, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(dev_dir))[: total // 2]:
        with open(os.path.join(dev_dir, name), "rb") as f:
            data = f.read()
        with open(os.path.join(out, "dev_" + name), "wb") as f:
            f.write(data)
        n += 1
    seeds = []
    for name in sorted(os.listdir(seeds_dir)):
        if name.endswith(".txt"):
            with open(os.path.join(seeds_dir, name), encoding="utf-8") as f:
                seeds.append((name, f.read()))
    v = 0
    copies = 0
    while n < total:
        for name, text in seeds:
            if n >= total:
                break
            t = redate(text, v)
            with open(os.path.join(out, f"v{v:03d}_{name}"), "w", encoding="utf-8") as f:
                f.write(t)
            n += 1
            if v % COPY_EVERY == 0 and n < total:
                with open(os.path.join(out, f"v{v:03d}_copy_{name}"), "w", encoding="utf-8") as f:
                    f.write(t.replace("\n", "\n\n", 3) + "\n")
                n += 1
                copies += 1
        v += 1
    print(f"{n} reports: {min(len(os.listdir(dev_dir)), total // 2)} dev-corpus articles, {v} seed variants, {copies} exact copies")


if __name__ == "__main__":
    main()
