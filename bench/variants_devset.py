#!/usr/bin/env python3
"""Name-variant findings on a development set, one line per gold respelling and per finding.

Usage: python3 bench/variants_devset.py [--bin target/release/factlint] SET_DIR...
(e.g. ../shared/devset/xquad ../shared/devset/history). Each document is checked on its own,
as ../shared/devset/score.py does. Prints, per set: every gold name-variant finding as HIT or
MISS (strict: one label on the injected span, another on an "other" span), then every
name-variant diagnostic that touches no gold span as FP (injected docs) or CLEAN-FP (clean
controls), with its message. The last line per set: hits/gold, fp, clean fp.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess


def spans(text: str, needle: str):
    out, at = [], text.find(needle)
    while at >= 0:
        b = len(text[:at].encode())
        out.append((b, b + len(needle.encode())))
        at = text.find(needle, at + 1)
    return out


def overlaps(label, span_list):
    return any(label["start"] < e and s < label["end"] for s, e in span_list)


def diagnostics(binary: str, path: str):
    run = subprocess.run([binary, "check", "--format", "json", path], capture_output=True, text=True)
    return [d for d in json.loads(run.stdout)["diagnostics"] if d["code"] == "name-variant"]


def clean_sources(set_dir: str):
    out = set()
    for gold in glob.glob(os.path.join(set_dir, "injected/*/*.gold.json")):
        src = json.load(open(gold))["source"]
        out.add(os.path.normpath(os.path.join(set_dir, src)))
    return sorted(out)


def preexisting(set_dir: str):
    path = os.path.join(set_dir, "injected/preexisting.json")
    if not os.path.exists(path):
        return {}
    out = {}
    for item in json.load(open(path))["items"]:
        out.setdefault(os.path.basename(item["doc"]), []).extend(item["spans"])
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default="target/release/factlint")
    p.add_argument("sets", nargs="+")
    args = p.parse_args()
    binary = os.path.abspath(args.bin)
    for set_dir in args.sets:
        injected = sorted(glob.glob(os.path.join(set_dir, "injected/*/*.txt")))
        clean = clean_sources(set_dir)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            found = dict(zip(injected + clean, pool.map(lambda f: diagnostics(binary, f), injected + clean)))
        pre = preexisting(set_dir)
        hits = gold_n = fp = clean_fp = 0
        for doc in injected:
            text = open(doc, encoding="utf-8").read()
            gold = json.load(open(doc[:-4] + ".gold.json"))["findings"]
            gold_spans = [s for g in gold for s in spans(text, g["injected"])]
            ignored = [s for p in pre.get(os.path.basename(doc), []) for s in spans(text, p)]
            for g in gold:
                if g["kind"] != "name-variant":
                    continue
                gold_n += 1
                inj = spans(text, g["injected"])
                other = [s for o in g.get("other", []) for s in spans(text, o)]
                hit = any(
                    any(overlaps(l, inj) for l in d["labels"])
                    and any(overlaps(l, other) and not overlaps(l, inj) for l in d["labels"])
                    for d in found[doc]
                )
                hits += hit
                print(f"{'HIT ' if hit else 'MISS'} {os.path.basename(doc)}: {g['injected']} ~ {g.get('other')}")
            for d in found[doc]:
                if any(overlaps(l, gold_spans) for l in d["labels"]):
                    continue
                if any(overlaps(l, ignored) for l in d["labels"]):
                    print(f"ign  {os.path.basename(doc)}: {d['message']}")
                elif True:
                    fp += 1
                    print(f"FP   {os.path.basename(doc)}: {d['message']}")
        for doc in clean:
            text = open(doc, encoding="utf-8").read()
            ignored = [s for p in pre.get(os.path.basename(doc), []) for s in spans(text, p)]
            for d in found.get(doc, []):
                if any(overlaps(l, ignored) for l in d["labels"]):
                    continue
                clean_fp += 1
                print(f"CLEAN-FP {os.path.relpath(doc, set_dir)}: {d['message']}")
        print(f"== {set_dir}: name-variant strict hits {hits}/{gold_n}, injected FP {fp}, clean FP {clean_fp}")


if __name__ == "__main__":
    main()
