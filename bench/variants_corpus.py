#!/usr/bin/env python3
"""Name-variant findings on ../shared/corpus against the hand-found pairs.

Usage: python3 bench/variants_corpus.py [--bin target/release/factlint] [--corpus ../shared/corpus]
       [--pairs ../shared/devset/corpus-variants.json] [--judged bench/variants-judged.tsv]

Runs `factlint check CORPUS --format json` once (all files in one run) and prints every
name-variant finding with its forms, marked PAIR (it joins both sides of a listed pair),
JUDGED-TRUE / JUDGED-FALSE (from the hand-judged list: file, forms, verdict) or UNJUDGED, then
the listed pairs that were not found, and a summary: pairs found, false findings, false findings
per article. A finding is matched on its normalized forms, as the pairs are written.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import unicodedata

ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def norm(s: str) -> str:
    s = "".join(c for c in s if not ("\u064b" <= c <= "\u0652" or c in "\u0670\u0640"))
    return s.translate(ALEF).lower()


def forms(message: str):
    return re.findall(r"«([^»]*)»", message.split(": ", 1)[1] if ": " in message else message)


def strip_article(f: str) -> str:
    for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if f.startswith(p) and len(f) - len(p) >= 3:
            return f[len(p):]
    return f


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default="target/release/factlint")
    p.add_argument("--corpus", default="../shared/corpus")
    p.add_argument("--pairs", default="../shared/devset/corpus-variants.json")
    p.add_argument("--judged", default=os.path.join(os.path.dirname(__file__), "variants-judged.tsv"))
    args = p.parse_args()
    run = subprocess.run([args.bin, "check", args.corpus, "--format", "json"], capture_output=True, text=True)
    findings = [d for d in json.loads(run.stdout)["diagnostics"] if d["code"] == "name-variant"]
    pairs = [tuple(norm(x) for x in pair) for pair in json.load(open(args.pairs))["pairs"]]
    judged = {}
    if os.path.exists(args.judged):
        for line in open(args.judged, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                file, shown, verdict = line.rstrip("\n").split("\t")[:3]
                judged[(file, shown)] = verdict
    articles = len(glob.glob(os.path.join(args.corpus, "*", "*.txt")))
    found_pairs, false = set(), 0
    for d in findings:
        files = sorted({os.path.basename(l["file"]) for l in d["labels"]})
        shown = " / ".join(forms(d["message"]))
        keys = {strip_article(norm(f)) for f in forms(d["message"])} | {norm(f) for f in forms(d["message"])}
        hit = [pair for pair in pairs if pair[0] in keys and pair[1] in keys]
        verdict = judged.get((",".join(files), shown))
        if hit:
            found_pairs.update(hit)
            mark = "PAIR"
        elif verdict is not None:
            mark = "JUDGED-" + verdict.upper()
        else:
            mark = "UNJUDGED"
        if mark in ("JUDGED-FALSE", "UNJUDGED"):
            false += 1
        print(f"{mark:13} {','.join(files)}\t{shown}")
    for pair in pairs:
        if pair not in found_pairs:
            print(f"MISSED        {pair[0]} / {pair[1]}")
    print(
        f"== pairs found {len(found_pairs)}/{len(pairs)}; false or unjudged findings {false} "
        f"on {articles} articles = {false / max(articles, 1):.3f} per article"
    )


if __name__ == "__main__":
    main()
