#!/usr/bin/env python3
"""Write the odd-numbered XQuAD articles (the development corpus has the even ones) as a held-out
corpus in the layout of ../shared/corpus, to check that the translation check was not tuned to
the development articles:

    python3 bench/translation/xquad_heldout.py XQUAD_DIR [OUT]   # XQUAD_DIR: a deepmind/xquad checkout
    python3 bench/translation/make_pairs.py --corpus OUT --out target/heldout-pairs
    python3 bench/translation/evaluate.py --pairs target/heldout-pairs

XQuAD is CC BY-SA 4.0 (deepmind/xquad); the notice is written next to the copies.
"""

import json
import re
import sys
from pathlib import Path


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    xquad = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "target" / "heldout-corpus"
    for lang in ("en", "ar"):
        data = json.loads((xquad / f"xquad.{lang}.json").read_text(encoding="utf-8"))["data"]
        folder = out / f"xquad-{lang}"
        folder.mkdir(parents=True, exist_ok=True)
        english = json.loads((xquad / "xquad.en.json").read_text(encoding="utf-8"))["data"]
        for i, article in enumerate(data):
            if i % 2 == 0:
                continue
            title = re.sub(r"[^A-Za-z0-9_]+", "_", english[i]["title"])
            text = "\n\n".join(p["context"].strip() for p in article["paragraphs"]) + "\n"
            (folder / f"{i:02d}-{title}.txt").write_text(text, encoding="utf-8")
    (out / "README.md").write_text(
        "# Held-out corpus\n\nThe odd-numbered articles of XQuAD (deepmind/xquad on GitHub), built from SQuAD v1.1\n"
        "paragraphs of English Wikipedia and their professional Arabic translation, licensed CC BY-SA 4.0.\n"
        "Paragraphs of one article are joined with blank lines; the text is otherwise unchanged.\n",
        encoding="utf-8",
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
