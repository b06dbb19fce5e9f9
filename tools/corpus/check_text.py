#!/usr/bin/env python3
"""Curation aid: check that the source-text fields of practice records appear in the seed documents.

Usage: tools/corpus/check_text.py [RECORD.json ...]   (default: every record in corpus/practices)

Both sides are reduced to their letters (NFKC, case-folded; digits, punctuation and whitespace
dropped), which repairs hyphenation, broken lines, page numbers and footnote markers. Table cells
are interleaved in the extracted text, so a field may be stitched from several pieces; each piece
must be at least MIN_PIECE letters long. The C++ test tests/corpus does the same check in CI.
"""
import json, pathlib, sys, unicodedata

MIN_PIECE = 10
ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "sources"  # copies of ../shared/seeds, kept with the corpus they justify
PROSE = ["title", "region", "city", "organisation"]
TEXT = ["context", "goal", "target_groups", "partners", "duration", "description", "implementation",
        "impact", "conditions_of_success", "instruments_used", "remarks", "concrete_example"]

def letters(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return "".join(c for c in s if c.isalpha())

def uncovered(field, source):
    """Return the parts of `field` (letters only) that cannot be stitched from source pieces."""
    i, bad = 0, []
    while i < len(field):
        lo, hi = 0, len(field) - i
        while lo < hi:  # longest prefix of field[i:] present in source
            mid = (lo + hi + 1) // 2
            if field[i:i + mid] in source: lo = mid
            else: hi = mid - 1
        if lo >= min(MIN_PIECE, len(field) - i):
            i += lo
        else:
            bad.append(field[i:i + 40]); i += max(lo, 1)
    return bad

def main():
    source = "".join(letters(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    files = [pathlib.Path(a) for a in sys.argv[1:]] or sorted((ROOT / "corpus" / "practices").glob("*.json"))
    failures = 0
    for f in files:
        rec = json.loads(f.read_text(encoding="utf-8"))
        fields = [(k, rec.get(k)) for k in PROSE] + [("text." + k, rec.get("text", {}).get(k)) for k in TEXT]
        for name, value in fields:
            if not value: continue
            bad = uncovered(letters(value), source)
            if bad:
                failures += 1
                print(f"{f}: {name}: not in sources near: {bad[:3]}")
    print(f"{len(files)} records checked, {failures} fields not found in the sources")
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
