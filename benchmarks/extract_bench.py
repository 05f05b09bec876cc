"""Extraction benchmark: how many TimeBank DATE phrases ``find_dates`` finds, and how much else.

    python benchmarks/extract_bench.py [--json] [--gold PATH]

Gold: ``../shared/benchmarks/timebank_dates.jsonl`` (one DATE timex per line with its
sentence and document creation date).  Lines sharing (doc, sentence) form one sentence
with several gold phrases.  Each sentence is scanned with the dct as anchor, twice:

* ``include_signals=False`` (TimeML spans: "Saturday", not "on Saturday") for
  *exact* recall -- predicted span == gold span;
* and the product default (``include_signals=True``) for *overlap* recall.

*Extras* are predicted phrases that overlap no gold phrase.  The gold lists only DATE
timexes, so extras include legitimate TIME and DURATION phrases ("two weeks",
"last night") that TimeBank annotates under other types or not at all.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from components.dates.extract import find_dates  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "benchmarks" / "timebank_dates.jsonl"


def load_sentences(path: Path) -> list[dict]:
    """One dict per distinct (doc, sentence): dct and gold (start, end) spans."""
    groups: dict[tuple[str, str], dict] = {}
    cursor: dict[tuple[str, str, str], int] = defaultdict(int)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        key = (row["doc"], row["sentence"])
        group = groups.setdefault(key, {"sentence": row["sentence"], "dct": row["dct"], "gold": [], "missing": 0})
        start = row["sentence"].find(row["text"], cursor[(*key, row["text"])])
        if start < 0:
            group["missing"] += 1
            continue
        cursor[(*key, row["text"])] = start + 1
        group["gold"].append((start, start + len(row["text"])))
    return list(groups.values())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(sentences: list[dict]) -> dict:
    gold_total = sum(len(s["gold"]) for s in sentences)
    exact = overlap = extras = predicted = 0
    misses: list[str] = []
    extra_examples: list[str] = []
    started = time.perf_counter()
    for s in sentences:
        tight = [(f.start_char, f.end_char) for f in find_dates(s["sentence"], s["dct"], include_signals=False)]
        wide = [(f.start_char, f.end_char) for f in find_dates(s["sentence"], s["dct"])]
        predicted += len(wide)
        for g in s["gold"]:
            exact += g in tight
            hit = any(_overlaps(g, p) for p in wide)
            overlap += hit
            if not hit and len(misses) < 25:
                misses.append(s["sentence"][g[0]:g[1]])
        for p in wide:
            if not any(_overlaps(g, p) for g in s["gold"]):
                extras += 1
                if len(extra_examples) < 25:
                    extra_examples.append(s["sentence"][p[0]:p[1]])
    seconds = time.perf_counter() - started
    return {
        "sentences": len(sentences), "gold_phrases": gold_total,
        "gold_not_in_sentence": sum(s["missing"] for s in sentences),
        "recall_exact": round(exact / gold_total, 3), "recall_overlap": round(overlap / gold_total, 3),
        "predicted_phrases": predicted, "extra_phrases": extras,
        "extras_per_sentence": round(extras / len(sentences), 3),
        "sentences_per_second": round(2 * len(sentences) / seconds, 1),
        "missed_examples": misses, "extra_examples": extra_examples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args(argv)
    result = score(load_sentences(args.gold))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"TimeBank DATE phrases: {result['gold_phrases']} in {result['sentences']} sentences")
    print(f"  recall, exact span:       {result['recall_exact']:.1%}  (signal words left out, as TimeML does)")
    print(f"  recall, overlapping span: {result['recall_overlap']:.1%}")
    print(f"  extra phrases: {result['extra_phrases']} ({result['extras_per_sentence']} per sentence;"
          f" includes TIME/DURATION phrases the gold does not list)")
    print(f"  speed: {result['sentences_per_second']} sentences/s")
    print("  missed, e.g.: " + "; ".join(result["missed_examples"][:12]))
    print("  extras, e.g.: " + "; ".join(result["extra_examples"][:12]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
