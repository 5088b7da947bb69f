#!/usr/bin/env python3
"""Evaluate `factlint compare` on the pairs of make_pairs.py (issue 14).

Reports, per direction (en-ar: Arabic translation altered; ar-en: English translation
altered) and category (year, date, number), the share of alterations found (a
`translation-mismatch` error with a label overlapping the altered bytes), findings on altered
pairs that match no alteration, and on the clean pairs (as published, and with Arabic-Indic
digits) the `translation-mismatch` errors per pair that the hand-judged list (judged.json) does
not call true findings. Also the time a clean pair takes: the whole run of 24 pairs minus a run
of one pair (engine start-up excluded), divided by 23, and one pair with start-up.

    python3 bench/translation/make_pairs.py
    cargo build --release
    python3 bench/translation/evaluate.py
"""

import argparse
import json
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIRECTIONS = {"en-ar": ("en", "ar"), "ar-en": ("ar", "en"), "clean": ("en", "ar"), "clean-indic": ("en", "ar")}


def run(factlint, source, translation):
    proc = subprocess.run(
        [factlint, "compare", str(source), str(translation), "--format", "json", "--no-config", "--quiet"],
        capture_output=True, text=True,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"factlint compare {source} {translation}: exit {proc.returncode}\n{proc.stderr}")
    report = json.loads(proc.stdout)
    return [d for d in report["diagnostics"] if d["code"] == "translation-mismatch" and d["severity"] == "error"]


def labels(d):
    return {Path(l["file"]).parent.name: l for l in d["labels"]}


def article(d):
    return Path(d["labels"][0]["file"]).name


def key(d, source_lang, target_lang):
    by = labels(d)
    return f'{article(d)}|{by.get(source_lang, {}).get("text", "")}|{by.get(target_lang, {}).get("text", "")}'


def timed(factlint, source, translation, repeats=3):
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([factlint, "compare", str(source), str(translation), "--format", "json", "--no-config", "--quiet"], capture_output=True)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", default=str(ROOT / "target" / "translation-pairs"))
    parser.add_argument("--factlint", default=str(ROOT / "target" / "release" / "factlint"))
    parser.add_argument("--judged", default=str(Path(__file__).parent / "judged.json"))
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    pairs = Path(args.pairs)
    gold = json.loads((pairs / "gold.json").read_text(encoding="utf-8"))["alterations"]
    judged = json.loads(Path(args.judged).read_text(encoding="utf-8")) if Path(args.judged).exists() else {}

    found_total = {}
    for direction in ("en-ar", "ar-en"):
        s, t = DIRECTIONS[direction]
        diagnostics = run(args.factlint, pairs / direction / s, pairs / direction / t)
        golds = [g for g in gold if g["set"] == direction]
        hit = set()
        for i, g in enumerate(golds):
            for j, d in enumerate(diagnostics):
                for l in d["labels"]:
                    if l["file"].endswith(g["file"]) and l["start"] < g["end"] and g["start"] < l["end"]:
                        hit.add(j)
                        found_total.setdefault((direction, g["category"]), [0, 0])[0] += 0
                        g["found"] = True
        for g in golds:
            c = found_total.setdefault((direction, g["category"]), [0, 0])
            c[1] += 1
            c[0] += 1 if g.get("found") else 0
        extra = [d for j, d in enumerate(diagnostics) if j not in hit]
        print(f"{direction}: {len(golds)} alterations, {len(diagnostics)} findings, {len(extra)} match no alteration")
        for d in extra:
            print(f"    extra  {article(d)}: {d['message']}")
        for g in golds:
            if not g.get("found"):
                print(f"    missed {g['file']}: {g['category']} {g['before']} → {g['after']}")

    print()
    totals = {"year+date": [0, 0], "number": [0, 0]}
    for (direction, category), (found, total) in sorted(found_total.items()):
        print(f"recall {direction:6} {category:7} {found}/{total} = {found / total:.2f}" if total else "")
        bucket = "number" if category == "number" else "year+date"
        totals[bucket][0] += found
        totals[bucket][1] += total
    for bucket, (found, total) in totals.items():
        print(f"recall all    {bucket:9} {found}/{total} = {found / max(total, 1):.2f}")

    print()
    for direction in ("clean", "clean-indic"):
        s, t = DIRECTIONS[direction]
        diagnostics = run(args.factlint, pairs / direction / s, pairs / direction / t)
        n_pairs = len(list((pairs / direction / s).glob("*.txt")))
        false = []
        for d in diagnostics:
            verdict = judged.get(key(d, s, t), {}).get("verdict")
            mark = {"true": "true ", "false": "false"}.get(verdict, "unjudged")
            print(f"    {direction:11} {mark:8} {key(d, s, t)}  — {d['message']}")
            if verdict != "true":
                false.append(d)
        print(f"{direction}: {len(diagnostics)} findings on {n_pairs} pairs; {len(false)} not judged true = {len(false) / n_pairs:.3f} false per clean pair")

    if not args.no_timing:
        s, t = DIRECTIONS["clean"]
        one = sorted((pairs / "clean" / s).glob("*.txt"))[0]
        single = timed(args.factlint, one, pairs / "clean" / t / one.name)
        whole = timed(args.factlint, pairs / "clean" / s, pairs / "clean" / t)
        n = len(list((pairs / "clean" / s).glob("*.txt")))
        print()
        print(f"time: one pair with start-up {single * 1000:.0f} ms; {n} pairs {whole * 1000:.0f} ms; per pair without start-up {(whole - single) / (n - 1) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
