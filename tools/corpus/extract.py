#!/usr/bin/env python3
"""Curation aid: extract practices from the source texts, draft records, and audit the corpus against them.

Usage: tools/corpus/extract.py table1 [--json] | sheets | unhcr | audit

The sources (corpus/sources/*.txt) are plain-text extractions of PDFs, so their layout is damaged.
Each part of this tool works around the problems of one document:

table1  Report 000, "Tableau 1" (from its caption to the "Analyse" heading), into rows {number,
        heading, region?, items[]}, compared with corpus/reference/coe_report_table1.json.
        Row headings are broken over lines ("Bosnie-" / "Herzégovine", "25" / "République" /
        "slovaque") and may carry the first item after " - "; the split rows 4a/4b give their
        region as a first dash line; items run over lines (continuations start in lower case);
        row 26 prints its items without dashes; page feet sit inside the table (URL lines, page
        number, footnote "2 Romes, ..." whose marker is glued to an item: "projet 2"). A line
        starting with a number is a row only if it is the next row number, else a footnote/page.
sheets  Compendium 001 into practice sheets (one per "Domaine (s) prioritaires" line, up to the
        blank questionnaire), each split into the questionnaire's fields by their printed labels,
        printed as draft records (fields named as the schema's `text`). Labels wrap differently on
        every sheet, so they are matched word by word across any whitespace; the remarks label
        ends "… mise en / œuvre), enseignements tirés" and its tail is sometimes printed after the
        answer (LU, CH), so the tail is removed wherever it is. Footnotes (a line "5 https://…" or
        "1Domaines…" up to the next page start) and URL/page-number lines are dropped, and their
        markers glued to words ("Together5", "EU20202") removed. Bullet glyphs were extracted as
        a leading space, which also marks a page start: a leading-space line is a list item
        only after ":", ";", "." or another list item. Contacts keep only Organisation and
        Page Internet (no names, e-mails or phones).
unhcr   Guide 004: the paragraphs under each "EXEMPLES DE BONNES PRATIQUES …" heading (to "POUR EN
        SAVOIR PLUS"/"LEARN MORE", or a page that does not start with a heading or a continuation,
        i.e. a reading-list column), with section heading, subheading and line number. Some pages
        are double spaced (a blank line after every line), and columns are interleaved: a
        paragraph can stop mid-sentence and go on after other paragraphs or after a page foot of
        URLs. So a paragraph starts at "En <Pays>," / "À <Ville>," or at a capital after a finished
        sentence; a block (after a blank line) that starts in lower case or with a connective
        continues the first unfinished paragraph of the same page, or else the latest unfinished one.
audit   Runs the three and says which records cover each Table 1 item / sheet / UNHCR paragraph:
        same sources[].label (letters only, as tools/corpus/check_text.py compares), or text
        overlap (a record's description or context contained in the paragraph, or the paragraph in
        the record's description). Paragraphs less than 90 % covered are shown with the uncovered
        text: one paragraph may hold several practices. Exit status 1 if anything is not covered.
"""
import json, pathlib, re, sys
from check_text import letters

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
URL = re.compile(r"(https?://|mailto:|www\.)")
FINISHED = tuple(".!?»”)")


def source(prefix):
    return next((CORPUS / "sources").glob(prefix + "_*.txt")).read_text(encoding="utf-8").splitlines()


def squash(s):
    return " ".join(s.split())


def glue(a, b):
    """Join two pieces of text broken at a line end: keep a compound's hyphen (co-/construite)."""
    if re.search(r"\w-$", a) or (re.search(r"https?://\S+$", a) and " " not in b):
        return a + b
    return (a + " " + b).strip()


def country_codes():
    names = {}
    for c in json.loads((CORPUS / "reference" / "countries.json").read_text(encoding="utf-8"))["countries"]:
        for n in [c["name_fr"], c.get("name_en", "")] + c.get("aliases", []):
            names[letters(n)] = c["code"]
    return names


# ---------------------------------------------------------------- table1
def table1():
    lines = source("000")
    start = next(i for i, l in enumerate(lines) if l.strip().startswith("Tableau 1"))
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("Analyse"))
    rows, notes, heading_open = [], set(), False
    for raw in lines[start + 1:end]:
        s = squash(raw)
        if not s:
            heading_open = False
            continue
        if URL.match(s) or s.startswith("Pays Pratiques"):
            continue
        m = re.match(r"(\d+)([ab]?)(?: (.*))?$", s)
        if m:
            n, suf = int(m[1]), m[2]
            last = (int(rows[-1]["number"].rstrip("ab")), rows[-1]["number"][-1:]) if rows else (0, "")
            if (n == last[0] + 1 and suf in "a") or (n == last[0] and suf > last[1].strip("0123456789")):
                rows.append({"number": m[1] + suf, "heading": "", "items": []})
                heading_open, s = True, m[3] or ""
                if not s:
                    continue
            else:  # not the next row: a footnote at a page foot, or a page number
                if m[3]:
                    notes.add(m[1])
                continue
        row = rows[-1]
        if heading_open and not s.startswith("-"):
            head, sep, item = s.partition(" - ")
            row["heading"] = glue(row["heading"], head)
            if sep:
                heading_open = False
                row["items"].append(item)
            continue
        heading_open = False
        if s.startswith("-"):
            text = s.lstrip("- ")
            if row["number"][-1].isalpha() and not row["items"] and "region" not in row:
                row["region"] = text
            else:
                row["items"].append(text)
        elif s[0].islower() and row["items"]:
            row["items"][-1] = glue(row["items"][-1], s)
        else:  # row 26: items without dashes
            row["items"].append(s)
    for row in rows:
        row["items"] = [strip_markers(i.replace("« «", "«"), notes, trailing=True) for i in row["items"]]
    return rows


def strip_markers(s, notes, trailing=False):
    """Remove footnote markers glued to a word ("Together5", "EU20202") or ending a table item ("projet 2")."""
    for n in notes:
        s = re.sub(r"(?<=[^\W\d_])%s(?=[\s“”\"»,.;:]|$)|(?<=[^\W\d_]\d{4})%s(?=\W|$)" % (n, n), "", s)
        if trailing:
            s = re.sub(r" %s$" % n, "", s)
    return s.strip()


def compare_table1(rows):
    ref = json.loads((CORPUS / "reference" / "coe_report_table1.json").read_text(encoding="utf-8"))
    refs, got, diffs = {r["number"]: r for r in ref["table"]}, {r["number"]: r for r in rows}, []
    for num in list(refs) + [n for n in got if n not in refs]:
        r, g = refs.get(num), got.get(num)
        if not r or not g:
            diffs.append(f"row {num}: only in {'the source' if g else 'the reference'}")
            continue
        for key, theirs in (("heading", r["heading"]), ("region", r.get("region")), ("items", r["practices"])):
            if g.get(key) != theirs:
                diffs.append(f"row {num} {key}: source {g.get(key)!r} / reference {theirs!r}")
    n = sum(len(r["items"]) for r in rows)
    print(f"Tableau 1: {len(rows)} rows, {n} items parsed; reference {ref['rows']} rows, {ref['listed_total']} items"
          f" (the report says {ref['stated_total']})")
    print("\n".join(diffs) or "no differences from the reference")
    return diffs


# ---------------------------------------------------------------- sheets
LABELS = [
    ("title", 'Nom de la "bonne pratique" / de l’approche innovante'),
    ("context", "Contexte dans lequel s'inscrit cette pratique"),
    ("goal", "But"),
    ("target_groups", "Groupe(s) cible(s)"),
    ("partners", "Partenaires impliqués"),
    ("duration", "Durée"),
    ("description", "Description concise"),
    ("implementation", "Mise en œuvre / étapes / processus"),
    ("impact", "Impact"),
    ("conditions_of_success", "Conditions de réussite / de transférabilité"),
    ("instruments_used", "Quelle pratique/politique, quel instrument du Conseil de l’Europe ou d’autres "
                         "institutions internationales a été utilisé ? Si ce n’est pas le cas, merci d’en "
                         "expliquer la raison"),
    ("remarks", "Remarques finales, défis (y compris les problèmes rencontrés lors de la mise en"),
    ("concrete_example", "Exemple concret / illustration de cette pratique"),
    ("contact", "Coordonnées"),
]
REMARKS_TAIL = re.compile(r"œuvre\),\s+enseignements\s+tirés")
CONTACT = re.compile(r"^[ .]*(Nom|Organisation|Email|Téléphone|Page Internet)\b ?(.*)$")


def label_re(label):
    words = [re.sub("['’]", "['’]", re.escape(w)) for w in label.split()]
    return re.compile(r"(?m)^[ .]*" + r"\s+".join(words) + r"(?=\s|$)")


def is_caps(s):
    return sum(c.isalpha() for c in s) >= 4 and s == s.upper()


def drop_notes(lines):
    """Drop URL lines, page numbers and footnote blocks; return kept lines and the footnote numbers."""
    kept, notes, skipping = [], set(), False
    for n, raw in enumerate(lines):
        if re.match(r" (?![IVX]+\. )\S", raw):  # a page starts (footnote list items " I. …" excepted)
            skipping = False
        m = re.match(r"(\d{1,2})(?: ?https?://|[A-Z]| [A-Z][a-z]+ [A-Z])", raw)
        if m:
            notes.add(m[1])
            skipping = True
        in_text = n and lines[n - 1].strip() and kept and kept[-1] is lines[n - 1]  # "2020", a URL in an answer
        if not (skipping or (URL.match(raw.strip()) or raw.strip().isdigit()) and not in_text):
            kept.append(raw)
    return kept, notes


def paragraphs(lines):
    """Join wrapped lines; list items (a dash, or a leading space after ':;.' or another item) start new lines."""
    out, prev_bullet = "", False
    for raw in lines:
        s = squash(raw)
        if not s:
            continue
        bullet = raw.startswith(" ") and (prev_bullet or out.endswith((":", ";", ".")))
        if out and (bullet or s.startswith("-") or (out.endswith(".") and s[0].isupper())):
            out += "\n" + ("- " if bullet else "") + s
        else:
            out = glue(out, ("- " if bullet else "") + s)
        prev_bullet = bullet
    return out


def sheets():
    lines = source("001")
    end = next(i for i, l in enumerate(lines) if l.strip() == "QUESTIONNAIRE")
    starts = [i for i, l in enumerate(lines[:end]) if l.strip().startswith("Domaine (s) prioritaires")]
    heads = [max(j for j in range(i) if is_caps(lines[j].strip(" ."))) for i in starts]
    codes, drafts = country_codes(), []
    for k, (head, start) in enumerate(zip(heads, starts)):
        body, notes = drop_notes(lines[start:heads[k + 1] if k + 1 < len(heads) else end])
        text = "\n".join(body)
        found, pos = [], 0
        for field, label in LABELS:
            m = label_re(label).search(text, pos)
            if m:
                found.append((field, m.start(), m.end()))
                pos = m.end()
        country = lines[head].strip(" .")
        region = squash(" ".join(lines[head + 1:start]))
        draft = {"line": start + 1, "country_printed": country, "countries": [codes.get(letters(country), "??")]}
        if region:
            draft["region"] = region
        draft["sources"] = [{"document": "coe-compendium", "section": "Fiche"}]
        draft["text"] = {}
        for n, (field, _, a) in enumerate(found):
            value = text[a:found[n + 1][1] if n + 1 < len(found) else len(text)]
            if field == "contact":
                draft.update(contact(value))
                continue
            value = REMARKS_TAIL.sub("", value).strip()
            if field == "title":  # the name is the first paragraph; a remark may follow a blank line
                value = value.split("\n\n")[0]
            value = strip_markers(paragraphs(value.split("\n")), notes)
            if field == "title":
                draft["title"] = draft["sources"][0]["label"] = value.replace("\n", " ")
            elif value and value != "--":
                draft["text"][field] = value
        drafts.append(draft)
    return drafts


def contact(value):
    fields, key = {}, None
    for raw in value.split("\n"):
        m = CONTACT.match(raw)
        if m:
            key, raw = m[1], m[2]
        if key and raw.strip():
            fields[key] = glue(fields.get(key, ""), squash(raw))
    out = {}
    if fields.get("Organisation"):
        out["organisation"] = fields["Organisation"]
    site = fields.get("Page Internet", "").split()
    if site:
        out["website"] = site[0] if site[0].startswith("http") else "http://" + site[0]
    return out


# ---------------------------------------------------------------- unhcr
OPENER = re.compile(r"(En|À|Au|Aux) ([A-ZÀ-Ý][\w-]*|\d{4}),")
CONNECTIVE = re.compile(r"(En outre|Par ailleurs|De plus|Ainsi|Cependant|Toutefois)\b")


def unhcr():
    lines = source("004")
    paras, heading, section, sub, page = [], [], None, None, 0
    prev, block, new_block = None, 0, True  # paragraph of the previous line; lines in its block
    for n, raw in enumerate(lines + [""], 1):
        s = squash(raw)
        if is_caps(s):
            heading.append(s)
            page += raw.startswith(" ")
            continue
        if heading:  # a heading (possibly over several lines) just ended
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
        if raw.startswith(" "):
            page += 1
            if section and s[0].isupper():  # a page of prose not opened by a heading: a reading-list column
                section = None
        if not section:
            continue
        unfinished = [p for p in paras if p["section"] == section and not p["text"].endswith(FINISHED)]
        on_page = [p for p in unfinished if p["page"] == page]
        ended = prev and prev["text"].endswith(FINISHED) and prev["last"] < 0.8 * prev["width"]  # short last line
        if OPENER.match(s) and not CONNECTIVE.match(s) or not prev and s[0].isupper():
            target = None
        elif not new_block:  # the next line of a block goes on, unless a short finished line ended a paragraph
            target = None if ended and s[0].isupper() and not CONNECTIVE.match(s) else prev
        elif s[0].islower() or CONNECTIVE.match(s) or not prev["text"].endswith(FINISHED):
            target = (on_page or unfinished[-1:] or [prev])[0]  # the paragraph this column piece continues
        else:  # a capital after a finished sentence: a new paragraph, unless double spacing split it
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
    """Letters of `text` covered by the record's description/context (either contains the other)."""
    t, spans = letters(text), []
    for field in ("description", "context"):
        f = letters(rec.get("text", {}).get(field, ""))
        if len(f) >= 30 and f in t:
            i = t.index(f)
            spans.append((i, i + len(f)))
        elif len(t) >= 30 and t in f:
            spans.append((0, len(t)))
    return {i for a, b in spans for i in range(a, b)}


def audit():
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "practices").glob("*.json"))}

    def by_label(document, label):
        return [k for k, r in records.items() if any(
            s["document"] == document and letters(s.get("label", "")) == letters(label) for s in r["sources"])]

    bad, matched = 0, set()
    rows = table1()
    diffs = compare_table1(rows)
    print()
    for row in rows:
        for item in row["items"]:
            ids = by_label("coe-report", item)
            matched.update(ids)
            bad += not ids
            print(f"Tableau 1 {row['number']} {item[:60]!r}: {', '.join(ids) or 'NOT COVERED'}")
    print()
    for sheet in sheets():
        ids = by_label("coe-compendium", sheet["title"]) or [
            k for k, r in records.items() if overlap(r, sheet["text"].get("description", ""))]
        matched.update(ids)
        bad += not ids
        print(f"Fiche line {sheet['line']} {sheet['title'][:60]!r}: {', '.join(ids) or 'NOT COVERED'}")
    print()
    for p in unhcr():
        cover = {k: overlap(r, p["text"]) for k, r in records.items()}
        ids = [k for k, c in cover.items() if c]
        matched.update(ids)
        share = len(set().union(*cover.values())) / max(1, len(letters(p["text"])))
        bad += not ids
        print(f"UNHCR line {p['line']} {p['text'][:50]!r}: {', '.join(ids) or 'NOT COVERED'}"
              + (f"  [{share:.0%} covered]" if ids and share < 0.9 else ""))
    unused = [k for k, r in records.items() if k not in matched and any(
        s["document"] in ("coe-compendium", "unhcr-guide") or s["section"] == "Tableau 1" for s in r["sources"])]
    print(f"\nrecords citing these sources but matching nothing extracted: {', '.join(unused) or 'none'}")
    print(f"{bad} extracted item(s) not covered by the corpus; {len(diffs)} Tableau 1 difference(s)")
    return 1 if bad or diffs else 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "table1":
        rows = table1()
        if "--json" in argv:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return 0
        return 1 if compare_table1(rows) else 0
    if cmd in ("sheets", "unhcr"):
        print(json.dumps(sheets() if cmd == "sheets" else unhcr(), ensure_ascii=False, indent=1))
        return 0
    if cmd == "audit":
        return audit()
    print(__doc__.split("\n\n")[0] + "\n" + __doc__.split("\n\n")[1].split("\n")[0], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
