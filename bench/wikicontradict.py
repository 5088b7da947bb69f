#!/usr/bin/env python3
"""WikiContradict recall and false-positive runner for factlint (python3, stdlib only).

Usage:
    python3 bench/wikicontradict.py [JSONL] [--bin PATH]

JSONL defaults to ../shared/realworld/wikicontradict-dev.jsonl (relative to the repository
root; it is not part of the repository). The factlint binary defaults to
$CARGO_TARGET_DIR/release/factlint, else target/release/factlint; build it first with
`cargo build --release`.

Scoring, as /work/shared/realworld/README.md describes it:
1. Pair check (recall): one document `context1 + "\\n\\n" + context2`, checked with
   `factlint check --format json`. An instance is caught when a diagnostic with a code in
   CODES has a label inside context1 and one inside context2 (for same_passage == "Same": any
   such diagnostic with two labels). Recall per value_type, explicit / implicit.
2. Single check (false positives): each context alone, skipping same_passage == "Same";
   every diagnostic (any code) is a false positive.
Nothing here is tuned to the benchmark's sentences.
"""

import collections
import json
import os
import subprocess
import sys
import tempfile

CODES = {"date-conflict", "number-conflict", "name-variant", "order-violation", "reference-conflict"}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_bin():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "factlint")


def parse_args(argv):
    path = os.path.join(ROOT, "..", "shared", "realworld", "wikicontradict-dev.jsonl")
    binary = default_bin()
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--bin" and rest:
            binary = rest.pop(0)
        elif arg in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        else:
            path = arg
    return path, binary


class Checker:
    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir
        self.cache = {}

    def check(self, text):
        """Diagnostics (parsed JSON) for one document; memoized on the text."""
        if text in self.cache:
            return self.cache[text]
        path = os.path.join(self.workdir, "doc.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        proc = subprocess.run(
            [self.binary, "check", "--format", "json", "--no-config", "--fail-on", "never", path],
            capture_output=True,
        )
        try:
            report = json.loads(proc.stdout.decode("utf-8"))
        except ValueError:
            sys.exit(f"factlint gave no JSON report (exit {proc.returncode}):\n"
                     + proc.stderr.decode("utf-8", "replace"))
        diags = report.get("diagnostics", [])
        self.cache[text] = diags
        return diags


def caught(inst, diags):
    len1 = len(inst["context1"].encode("utf-8"))
    start2 = len1 + 2
    same = inst["same_passage"] == "Same"
    for d in diags:
        if d["code"] not in CODES:
            continue
        labels = d.get("labels", [])
        if same:
            if len(labels) >= 2:
                return d
        elif any(l["start"] < len1 for l in labels) and any(l["start"] >= start2 for l in labels):
            return d
    return None


def main():
    path, binary = parse_args(sys.argv[1:])
    if not os.path.exists(path):
        sys.exit(f"missing {path}: pass the path of a WikiContradict JSONL file "
                 "(e.g. ../shared/realworld/wikicontradict-dev.jsonl)")
    if not os.path.exists(binary):
        sys.exit(f"missing factlint binary {binary}: run `cargo build --release` or pass --bin PATH")
    with open(path, encoding="utf-8") as f:
        instances = [json.loads(line) for line in f if line.strip()]

    recall = collections.defaultdict(lambda: [0, 0])  # (value_type, explicit) -> [caught, n]
    hits = []
    fp_docs = 0
    fp_diags = collections.Counter()
    fp_examples = []
    singles = 0
    with tempfile.TemporaryDirectory() as tmp:
        checker = Checker(binary, tmp)
        for inst in instances:
            doc = inst["context1"] + "\n\n" + inst["context2"]
            d = caught(inst, checker.check(doc))
            key = (inst["value_type"], "explicit" if inst["explicit"] else "implicit")
            recall[key][1] += 1
            if d:
                recall[key][0] += 1
                hits.append((inst["id"], inst["value_type"], d["code"], d["message"]))
            if inst["same_passage"] == "Same":
                continue
            for ctx in ("context1", "context2"):
                singles += 1
                diags = checker.check(inst[ctx])
                if diags:
                    fp_docs += 1
                    for x in diags:
                        fp_diags[x["code"]] += 1
                        fp_examples.append((inst["id"], ctx, x["code"], x["message"]))

    print(f"WikiContradict: {len(instances)} instances from {path}\n")
    print("Pair check (recall)\n")
    print("| value_type | explicit | implicit | all |")
    print("|---|---:|---:|---:|")
    tot = {"explicit": [0, 0], "implicit": [0, 0]}
    for vt in ("date", "number", "name", "other"):
        cells = []
        row = [0, 0]
        for kind in ("explicit", "implicit"):
            c, n = recall[(vt, kind)]
            cells.append(f"{c}/{n}")
            row[0] += c
            row[1] += n
            tot[kind][0] += c
            tot[kind][1] += n
        cells.append(f"{row[0]}/{row[1]}")
        print(f"| {vt} | " + " | ".join(cells) + " |")
    all_c = tot["explicit"][0] + tot["implicit"][0]
    all_n = tot["explicit"][1] + tot["implicit"][1]
    print(f"| **all** | {tot['explicit'][0]}/{tot['explicit'][1]} | "
          f"{tot['implicit'][0]}/{tot['implicit'][1]} | {all_c}/{all_n} |")
    print("\nCaught instances\n")
    for i, vt, code, msg in sorted(hits):
        print(f"  id {i} ({vt}): {code}: {msg}")
    print(f"\nSingle check (false positives, same_passage == Different): "
          f"{fp_docs} of {singles} single contexts have findings; "
          f"{sum(fp_diags.values())} findings "
          f"({', '.join(f'{c} ×{n}' for c, n in sorted(fp_diags.items())) or 'none'})")
    for i, ctx, code, msg in sorted(fp_examples):
        print(f"  id {i} {ctx}: {code}: {msg}")


if __name__ == "__main__":
    main()
