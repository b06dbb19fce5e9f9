#!/usr/bin/env python3
"""Curation aid: add our English names of the places records name in French (ours.city_en, ours.region_en).

Usage: tools/corpus/place_names.py [--check]

A record's `city` and `region` stay in the document's wording (French: "Varsovie", "Wallonie").
The English interface shows the standard English name of the same place, which is ours, so it
lives under `ours`. Only names whose English form differs are listed: "Belgrade", "Sofia",
"Gdańsk" are the same in English; "Mazowieckie", "Skåne" and "Jakobstad" are the local names the
documents quote (not French), so they stay as written in both interfaces.
With --check, changes nothing and exits 1 if a record lacks (or has a stale) English name.
"""
import json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PRACTICES = ROOT / "corpus" / "practices"
ENGLISH = {  # French exonym in the documents -> standard English name of the same place
    "city": {
        "Athènes": "Athens",
        "Bologne": "Bologna",
        "Hambourg": "Hamburg",
        "Ravenne": "Ravenna",
        "Varsovie": "Warsaw",
    },
    "region": {
        "Flandres": "Flanders",
        "Région de Bruxelles-Capitale": "Brussels-Capital Region",
        "Wallonie": "Wallonia",
        "Émilie-Romagne": "Emilia-Romagna",
    },
}

def with_english_places(record):
    """The record with ours.<field>_en set after ours.title_en (kept in the usual key order)."""
    ours = dict(record.get("ours", {}))
    for field, names in ENGLISH.items():
        if record.get(field) in names:
            ours[field + "_en"] = names[record[field]]
    order = ["title", "title_en", "city_en", "region_en", "summary_en", "categories", "note"]
    ours = {key: ours[key] for key in order if key in ours} | ours
    return record | {"ours": ours} if ours else record

def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for path in sorted(PRACTICES.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        updated = json.dumps(with_english_places(json.loads(text)), indent=2, ensure_ascii=False) + "\n"
        if updated == text:
            continue
        stale.append(path.name)
        if not check:
            path.write_text(updated, encoding="utf-8")
    print(("stale: " if check else "updated: ") + (", ".join(stale) or "none"))
    return 1 if check and stale else 0

if __name__ == "__main__":
    sys.exit(main())
