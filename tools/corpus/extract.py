#!/usr/bin/env python3
"""Curation aid: extract the practices of the source texts, print draft records, audit the corpus.

Usage: tools/corpus/extract.py table1 [--json] | sheets | unhcr | audit

corpus/sources/*.txt are text extracted from PDFs, with damaged layout. Each part works around one document:
table1  Report 000 "Tableau 1" (caption to "Analyse") -> rows {number, heading, region?, items[]}, compared
        with corpus/reference/coe_report_table1.json. Headings wrap ("Bosnie-"/"Herzégovine", "25"/
        "République"/"slovaque") and may carry the first item after " - "; rows 4a/4b give their region as
        a first dash line; items wrap (continuations start in lower case); row 26 has no dashes; a page
        foot sits in the table (URLs, page number, footnote "2 Romes…" whose marker ends "projet 2"). So a
        line opening with a number is a row only if it is the next row number.
sheets  Compendium 001 -> a draft record per sheet (country heading + "Domaine (s) prioritaires"; the
        blank questionnaire at the end is ignored), cut at the printed labels into the schema's `text`
        fields. Labels wrap differently on each sheet, so they match word by word across any whitespace;
        the remarks label's tail "œuvre), enseignements tirés" is at times printed after the answer and
        is removed wherever it is. Footnotes ("5 https://…", "1Domaines…", to the next page), annotation
        URLs and page numbers are dropped, and markers glued to words ("Together5", "EU20202") removed.
        Bullet glyphs came out as a leading space, which also marks a page start: such a line is a list
        item only after ":", ";", "." or another item. Contact: only Organisation and Page Internet.
unhcr   Guide 004 -> the paragraphs under each "EXEMPLES DE BONNES PRATIQUES" heading (to "POUR EN SAVOIR
        PLUS"/"LEARN MORE", or to a page not opened by a heading or continuation: a reading list), with
        heading, subheading, line number. Some pages are double spaced, and columns interleave: a
        paragraph may stop mid-sentence and go on after other paragraphs or a page foot. So a paragraph
        starts at "En <Pays>,"/"À <Ville>," or at a capital after a finished sentence whose line is short
        (a last line) or, in single spacing, ends its block; a block (after a blank line) starting in lower
        case or with a connective continues the first unfinished paragraph of its page, else the latest.
audit   Runs the three; shows the records covering each Table 1 item / sheet / UNHCR paragraph: same
        sources[].label, or text overlap (a record's description or context inside the paragraph, or the
        paragraph inside its description), on letters only as check_text.py compares. A paragraph may hold
        several practices, so its sentences found in no record are listed. Exit 1 if anything is uncovered.
"""
import json, pathlib, re, sys
from check_text import letters

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "corpus"
URL = re.compile(r"(https?://|mailto:|www\.)")
FINISHED = tuple(".!?»”)")


def source(prefix):
    return next((CORPUS / "sources").glob(prefix + "_*.txt")).read_text(encoding="utf-8").splitlines()


def reference(name):
    return json.loads((CORPUS / "reference" / name).read_text(encoding="utf-8"))


def squash(s):
    return " ".join(s.split())


def is_caps(s):
    return sum(c.isalpha() for c in s) >= 4 and s == s.upper()


def glue(a, b):
    """Join text broken at a line end, keeping a compound's hyphen (co-/construite) and URLs whole."""
    if re.search(r"\w-$", a) or (re.search(r"https?://\S+$", a) and " " not in b):
        return a + b
    return (a + " " + b).strip()


def strip_markers(s, notes):
    """Remove footnote markers glued to a word: "Together5", "EU20202" (EU2020 + note 2)."""
    for n in notes:
        s = re.sub(r"(?<=[^\W\d_])%s(?=[\s“”\"»,.;:]|$)|(?<=[^\W\d_]\d{4})%s(?=\W|$)" % (n, n), "", s)
    return s.strip()


def country_codes():
    return {letters(n): c["code"] for c in reference("countries.json")["countries"]
            for n in [c["name_fr"], c["name_en"]] + c.get("aliases", [])}


# ---------------------------------------------------------------- table1
def table1():
    lines = source("000")
    start = next(i for i, l in enumerate(lines) if l.strip().startswith("Tableau 1"))
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("Analyse"))
    rows, notes, last, heading_open = [], set(), (0, ""), False
    for raw in lines[start + 1:end]:
        s = squash(raw)
        heading_open = heading_open and bool(s)  # a blank line ends a wrapped heading
        if not s or URL.match(s) or s.startswith("Pays Pratiques"):
            continue
        m = re.match(r"(\d+)([ab]?)(?: (.*))?$", s)
        if m:
            n, suf = int(m[1]), m[2]
            if not (n == last[0] + 1 and suf in ("", "a") or n == last[0] and suf > last[1]):
                if m[3]:  # not the next row: a footnote ("2 Romes, …"), else a page number
                    notes.add(m[1])
                continue
            rows.append({"number": m[1] + suf, "heading": "", "items": []})
            last, heading_open, s = (n, suf), True, m[3] or ""
            if not s:
                continue
        row, dash = rows[-1], s.startswith("-")
        heading_open = heading_open and not dash
        if heading_open:
            head, sep, item = s.partition(" - ")
            row["heading"], heading_open = glue(row["heading"], head), not sep
            row["items"] += [item] if sep else []
        elif dash and row["number"][-1].isalpha() and not row["items"] and "region" not in row:
            row["region"] = s.lstrip("- ")
        elif dash or s[0].isupper() or not row["items"]:  # row 26: items without dashes
            row["items"].append(s.lstrip("- "))
        else:
            row["items"][-1] = glue(row["items"][-1], s)
    for row in rows:  # "« «" printed doubled once; a footnote marker ends "RSC (…) projet 2"
        row["items"] = [re.sub(r" (%s)$" % "|".join(notes), "", strip_markers(i.replace("« «", "«"), notes))
                        for i in row["items"]]
    return rows


def compare_table1(rows):
    ref = reference("coe_report_table1.json")
    refs, got, diffs = {r["number"]: r for r in ref["table"]}, {r["number"]: r for r in rows}, []
    for num in list(refs) + [n for n in got if n not in refs]:
        r, g = refs.get(num), got.get(num)
        if not r or not g:
            diffs.append(f"row {num}: only in {'the source' if g else 'the reference'}")
            continue
        for key, theirs in (("heading", r["heading"]), ("region", r.get("region")), ("items", r["practices"])):
            if g.get(key) != theirs:
                diffs.append(f"row {num} {key}: source {g.get(key)!r} / reference {theirs!r}")
    print(f"Tableau 1: {len(rows)} rows, {sum(len(r['items']) for r in rows)} items parsed; reference "
          f"{ref['rows']} rows, {ref['listed_total']} items (the report's text says {ref['stated_total']})")
    print("\n".join(diffs) or "no differences from the reference")
    return diffs


# ---------------------------------------------------------------- sheets
LABELS = [  # (text field, label as printed); "title" and "contact" are not text fields
    ("title", 'Nom de la "bonne pratique" / de l’approche innovante'),
    ("context", "Contexte dans lequel s'inscrit cette pratique"), ("goal", "But"),
    ("target_groups", "Groupe(s) cible(s)"), ("partners", "Partenaires impliqués"), ("duration", "Durée"),
    ("description", "Description concise"), ("implementation", "Mise en œuvre / étapes / processus"),
    ("impact", "Impact"), ("conditions_of_success", "Conditions de réussite / de transférabilité"),
    ("instruments_used", "Quelle pratique/politique, quel instrument du Conseil de l’Europe ou d’autres institutions "
                         "internationales a été utilisé ? Si ce n’est pas le cas, merci d’en expliquer la raison"),
    ("remarks", "Remarques finales, défis (y compris les problèmes rencontrés lors de la mise en"),
    ("concrete_example", "Exemple concret / illustration de cette pratique"), ("contact", "Coordonnées")]
REMARKS_TAIL = re.compile(r"œuvre\),\s+enseignements\s+tirés")
CONTACT = re.compile(r"^[ .]*(Nom|Organisation|Email|Téléphone|Page Internet)\b ?(.*)$")


def label_re(label):
    words = [re.sub("['’]", "['’]", re.escape(w)) for w in label.split()]
    return re.compile(r"(?m)^[ .]*" + r"\s+".join(words) + r"(?=\s|$)")


def drop_notes(lines):
    """Drop footnote blocks and annotation URL / page-number lines; return kept lines, footnote numbers."""
    kept, notes, skipping = [], set(), False
    for n, raw in enumerate(lines):
        if re.match(r" (?![IVX]+\. )\S", raw):  # a page starts (footnote 1's list " I. …" excepted)
            skipping = False
        m = re.match(r"(\d{1,2})(?: ?https?://|[A-Z]| [A-Z][a-z]+ [A-Z])", raw)
        if m:
            notes.add(m[1])
            skipping = True
        in_text = n and kept and kept[-1] is lines[n - 1] and lines[n - 1].strip()  # "2020" or a URL in an answer
        if not (skipping or (URL.match(raw.strip()) or raw.strip().isdigit()) and not in_text):
            kept.append(raw)
    return kept, notes


def paragraphs(lines):
    """Join wrapped lines; list items and sentences ending a line start new lines."""
    out, prev_bullet = "", False
    for raw in lines:
        s = squash(raw)
        if not s:
            continue
        bullet = raw.startswith(" ") and (prev_bullet or out.endswith((":", ";", ".")))
        s = "- " + s if bullet else s
        if out and (bullet or s.startswith("-") or (out.endswith(".") and s[0].isupper())):
            out += "\n" + s
        else:
            out = glue(out, s)
        prev_bullet = bullet
    return out


def sheets():
    lines = source("001")
    end = next(i for i, l in enumerate(lines) if l.strip() == "QUESTIONNAIRE")
    starts = [i for i, l in enumerate(lines[:end]) if l.strip().startswith("Domaine (s) prioritaires")]
    heads = [max(j for j in range(i) if is_caps(lines[j].strip(" ."))) for i in starts]
    codes, drafts = country_codes(), []
    for k, (head, start) in enumerate(zip(heads, starts)):
        body, notes = drop_notes(lines[start:(heads + [end])[k + 1]])
        text, cuts, pos = "\n".join(body), [], 0
        for field, label in LABELS:
            m = label_re(label).search(text, pos)
            if m:
                cuts.append((field, m.start(), m.end()))
                pos = m.end()
        country, region = lines[head].strip(" ."), squash(" ".join(lines[head + 1:start]))
        draft = {"line": start + 1, "country_printed": country, "countries": [codes.get(letters(country), "??")]}
        draft.update({"region": region} if region else {})
        draft.update(sources=[{"document": "coe-compendium", "section": "Fiche"}], text={})
        for n, (field, _, a) in enumerate(cuts):
            value = REMARKS_TAIL.sub("", text[a:(cuts + [(None, len(text))])[n + 1][1]]).strip()
            if field == "contact":
                draft.update(contact(value))
            elif field == "title":  # label: the field as printed; title: its first paragraph (a remark may follow)
                draft["sources"][0]["label"] = squash(strip_markers(paragraphs(value.split("\n")), notes))
                draft["title"] = squash(strip_markers(paragraphs(value.split("\n\n")[0].split("\n")), notes))
            elif (value := strip_markers(paragraphs(value.split("\n")), notes)) not in ("", "--"):  # "--": no answer
                draft["text"][field] = value
        drafts.append(draft)
    return drafts


def contact(value):
    fields, key = {}, None
    for raw in value.split("\n"):
        m = CONTACT.match(raw)
        key, raw = (m[1], m[2]) if m else (key, raw)
        if key and raw.strip():
            fields[key] = glue(fields.get(key, ""), squash(raw))
    site = fields.get("Page Internet", "").split()[:1]
    return {**({"organisation": fields["Organisation"]} if "Organisation" in fields else {}),
            **({"website": re.sub(r"^(?!https?://)", "http://", site[0])} if site else {})}


# ---------------------------------------------------------------- unhcr
OPENER = re.compile(r"(En|À|Au|Aux) ([A-ZÀ-Ý][\w-]*|\d{4}),")
CONNECTIVE = re.compile(r"(En outre|Par ailleurs|De plus|Ainsi|Cependant|Toutefois)\b")


def unhcr():
    lines = source("004")
    paras, heading, section, sub, page = [], [], None, None, 0
    prev, block, new_block = None, 0, True  # paragraph of the previous line; lines in that line's block
    for n, raw in enumerate(lines + [""], 1):
        s = squash(raw)
        if is_caps(s):
            heading.append(s)
            page += raw.startswith(" ")
            continue
        if heading:  # a heading (maybe over several lines) just ended
            h, heading, prev = " ".join(heading), [], None
            if h.startswith("EXEMPLES DE BONNES PRATIQUES"):
                section, sub = h, None
            elif h.startswith(("POUR EN SAVOIR PLUS", "LEARN MORE")):
                section = None
            elif section:
                sub = h
        if not s or URL.match(s) or s.isdigit():
            new_block = True
            continue
        if raw.startswith(" "):  # a page starts
            page += 1
            if section and s[0].isupper():  # prose not opened by a heading: a reading-list column
                section = None
        if not section:
            continue
        unfinished = [p for p in paras if p["section"] == section and not p["text"].endswith(FINISHED)]
        on_page = [p for p in unfinished if p["page"] == page]
        ended = prev and prev["text"].endswith(FINISHED) and prev["last"] < 0.8 * prev["width"]
        capital = s[0].isupper() and not CONNECTIVE.match(s)
        if OPENER.match(s) and not CONNECTIVE.match(s) or not prev and capital:
            target = None
        elif prev and not new_block:  # next line of a block
            target = None if ended and capital else prev
        elif not capital or not prev["text"].endswith(FINISHED):  # a column piece continuing a paragraph
            target = (on_page or unfinished[-1:] or [prev])[0]
        else:  # capital after a finished sentence: new paragraph, unless double spacing split one
            target = prev if block == 1 and not ended else None
        if target is None:
            target = {"line": n, "section": section, "subheading": sub, "page": page, "text": "", "width": 0}
            paras.append(target)
        target["text"] = glue(target["text"], s)
        target["width"], target["last"] = max(target["width"], len(s)), len(s)
        block = 1 if new_block else block + 1
        prev, new_block = target, False
    codes = country_codes()
    for p in paras:
        del p["page"], p["width"], p["last"]
        m = re.match(r"(En|À) ([\w-]+),", p["text"])
        if m and letters(m[2]) in codes:
            p["countries"] = [codes[letters(m[2])]]
    return paras


# ---------------------------------------------------------------- audit
def overlap(rec, text):
    """Positions of `text`'s letters covered by the record's description/context (either contains the other)."""
    t, spans = letters(text), []
    for field in ("description", "context"):
        f = letters(rec.get("text", {}).get(field, ""))
        if len(f) >= 30 and f in t:
            spans.append((t.index(f), t.index(f) + len(f)))
        elif len(t) >= 30 and t in f:
            spans.append((0, len(t)))
    return {i for a, b in spans for i in range(a, b)}


def uncovered(text, covered):
    """Sentences (or ';' clauses) of `text` whose letters are mostly outside `covered`."""
    out, i = [], 0
    for s in re.split(r"(?<=[.!?;])\s+", text):
        n = len(letters(s))
        if n and sum(j in covered for j in range(i, i + n)) < n / 2:
            out.append(s)
        i += n
    return out


def audit():
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "practices").glob("*.json"))}

    def by_label(document, label):
        return [k for k, r in records.items() if any(
            s["document"] == document and letters(s.get("label", "")) == letters(label) for s in r["sources"])]

    rows = table1()
    diffs = compare_table1(rows)
    found = [(f"Tableau 1 row {row['number']}: {item}", by_label("coe-report", item))
             for row in rows for item in row["items"]]
    for sheet in sheets():
        found.append((f"Fiche line {sheet['line']}: {sheet['title']}", by_label("coe-compendium", sheet["sources"][0]["label"])
                      or [k for k, r in records.items() if overlap(r, sheet["text"].get("description", ""))]))
    partly = []
    for p in unhcr():
        cover = {k: overlap(r, p["text"]) for k, r in records.items()}
        found.append((f"UNHCR line {p['line']}: {p['text'][:70]}…", [k for k, c in cover.items() if c]))
        rest = uncovered(p["text"], set().union(*cover.values()))
        if found[-1][1] and rest:
            partly.append(f"UNHCR line {p['line']}: partly covered; in no record: {' '.join(rest)}")
    print()
    for what, ids in found:
        print(f"{what[:100]}  ->  {', '.join(ids) or 'NOT COVERED'}")
    missing = [what for what, ids in found if not ids] + partly
    matched = {k for _, ids in found for k in ids}
    unused = [k for k, r in records.items() if k not in matched and any(
        s["document"] in ("coe-compendium", "unhcr-guide") or s["section"] == "Tableau 1" for s in r["sources"])]
    print(f"\nrecords citing Tableau 1, a sheet or the guide but matching nothing extracted: {', '.join(unused) or 'none'}")
    print(f"{len(found)} extracted items, {len(missing)} not (fully) covered by the corpus"
          + "".join("\n  " + m for m in missing))
    return 1 if missing or diffs else 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd in ("sheets", "unhcr") or argv[1:] == ["table1", "--json"]:
        print(json.dumps({"sheets": sheets, "unhcr": unhcr, "table1": table1}[cmd](), ensure_ascii=False, indent=1))
        return 0
    if cmd in ("table1", "audit"):
        return audit() if cmd == "audit" else int(bool(compare_table1(table1())))
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
