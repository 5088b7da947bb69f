#!/usr/bin/env python3
"""Build translation pairs with altered facts, for `factlint compare` (issue 14).

From the parallel corpus (../shared/corpus, else its copy in tests/corpus: xquad-en and xquad-ar,
the same 24 articles) this
writes, under OUT (default target/translation-pairs):

  clean/en, clean/ar            the articles as published (controls)
  clean-indic/en, clean-indic/ar  the same, Arabic side written in Arabic-Indic digits (controls)
  en-ar/en, en-ar/ar            English source, Arabic translation with values altered in place
  ar-en/ar, ar-en/en            Arabic source, English translation with values altered in place
  gold.json                     every alteration: set, file, byte span in the altered file,
                                the text before and after, category (year, date, number)
  README.md                     the corpus licence notice (CC BY-SA 4.0), kept with the copies

Alterations are random but seeded (--seed): per article up to --years years, --dates days of
dates and --numbers other numbers, each changed in place (a year moves by 1–15 years, a day
of a month becomes another day, a number gets one digit changed). Digit runs glued to letters
(codes such as "DVB-S2", "A380") are left alone. The script only knows digits, not the
checker: it never looks at what factlint reports.
"""

import argparse
import json
import random
import re
import shutil
from pathlib import Path

MONTHS = [
    # English
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
    # Arabic: Egyptian / Gulf family and Levantine family (only to tell days of dates from other
    # numbers when choosing what to alter)
    "يناير", "فبراير", "مارس", "أبريل", "إبريل", "ابريل", "مايو", "يونيو", "يونيه", "يوليو",
    "يوليه", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر",
    "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين",
]
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DIGITS = re.compile(r"(?<![\w.,\-])\d+(?:,\d{3})*(?:\.\d+)?(?![\w\-])")
DAY_BEFORE_MONTH = re.compile(r"^\s(?:" + MONTH_RE + ")")
DAY_AFTER_MONTH = re.compile(r"(?:" + MONTH_RE + r")\s$")
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def classify(text, start, end):
    token = text[start:end]
    if "," in token or "." in token:
        return "number"
    value = int(token)
    if len(token) == 4 and 1000 <= value <= 2100:
        return "year"
    if len(token) <= 2 and 1 <= value <= 31:
        if DAY_BEFORE_MONTH.match(text[end:end + 12]) or DAY_AFTER_MONTH.search(text[max(0, start - 12):start]):
            return "date"
    return "number"


def altered(token, category, rng):
    if category == "year":
        shift = rng.choice([-1, 1]) * rng.randint(1, 15)
        return str(int(token) + shift)
    if category == "date":
        day = int(token)
        choices = [d for d in range(1, 29) if d != day]
        return str(rng.choice(choices))
    # number: change one digit (not a leading digit into 0)
    digits = [i for i, c in enumerate(token) if c.isdigit()]
    i = rng.choice(digits)
    old = token[i]
    pool = [d for d in "0123456789" if d != old and not (i == 0 and d == "0")]
    if not pool:
        return None
    return token[:i] + rng.choice(pool) + token[i + 1:]


def alter(text, rng, quota):
    """Alter values of `text` in place; returns (new text, alterations with char offsets)."""
    candidates = {"year": [], "date": [], "number": []}
    for m in DIGITS.finditer(text):
        candidates[classify(text, m.start(), m.end())].append((m.start(), m.end()))
    chosen = []
    for category, count in quota.items():
        pool = candidates[category]
        for start, end in rng.sample(pool, min(count, len(pool))):
            new = altered(text[start:end], category, rng)
            if new and new != text[start:end]:
                chosen.append((start, end, new, category))
    chosen.sort()
    out, last, changes, delta = [], 0, [], 0
    for start, end, new, category in chosen:
        out.append(text[last:start])
        out.append(new)
        before = text[start:end]
        new_start = start + delta
        changes.append((new_start, new_start + len(new), before, new, category))
        delta += len(new) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), changes


def byte_span(text, start, end):
    return len(text[:start].encode()), len(text[:end].encode())


def main():
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = root.parent / "shared" / "corpus"
    parser.add_argument("--corpus", default=str(shared if shared.is_dir() else root / "tests" / "corpus"))
    parser.add_argument("--out", default=str(root / "target" / "translation-pairs"))
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--dates", type=int, default=1)
    parser.add_argument("--numbers", type=int, default=2)
    args = parser.parse_args()

    corpus, out = Path(args.corpus), Path(args.out)
    if not (corpus / "xquad-en").is_dir() or not (corpus / "xquad-ar").is_dir():
        raise SystemExit(f"{corpus}: no xquad-en/ and xquad-ar/ here (use --corpus)")
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(args.seed)
    quota = {"year": args.years, "date": args.dates, "number": args.numbers}
    gold = []
    names = sorted(p.name for p in (corpus / "xquad-en").glob("*.txt"))
    for name in names:
        en = (corpus / "xquad-en" / name).read_text(encoding="utf-8")
        ar = (corpus / "xquad-ar" / name).read_text(encoding="utf-8")
        sets = {
            ("clean", "en"): en,
            ("clean", "ar"): ar,
            ("clean-indic", "en"): en,
            ("clean-indic", "ar"): ar.translate(INDIC),
        }
        for pair, source_lang, target_lang, target in (("en-ar", "en", "ar", ar), ("ar-en", "ar", "en", en)):
            new, changes = alter(target, rng, quota)
            sets[(pair, source_lang)] = {"en": en, "ar": ar}[source_lang]
            sets[(pair, target_lang)] = new
            for start, end, before, after, category in changes:
                b_start, b_end = byte_span(new, start, end)
                gold.append({
                    "set": pair,
                    "file": f"{pair}/{target_lang}/{name}",
                    "start": b_start,
                    "end": b_end,
                    "before": before,
                    "after": after,
                    "category": category,
                })
        for (pair, lang), text in sets.items():
            path = out / pair / lang / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    shutil.copy(corpus / "README.md", out / "README.md")
    (out / "gold.json").write_text(json.dumps({"seed": args.seed, "quota": quota, "alterations": gold}, ensure_ascii=False, indent=1), encoding="utf-8")
    counts = {}
    for g in gold:
        counts[(g["set"], g["category"])] = counts.get((g["set"], g["category"]), 0) + 1
    print(f"wrote {out}: {len(names)} articles, {len(gold)} alterations " + ", ".join(f"{s}/{c} {n}" for (s, c), n in sorted(counts.items())))


if __name__ == "__main__":
    main()
