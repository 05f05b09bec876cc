"""``python -m components.dates bench``: accuracy and speed on TimeBank, against dateparser
(and, in the default run, on the Arabic set: ``arabic/bench.py``).

For every gold line (text, dct, sentence, start, end, granularity) we call
``normalize_date(text, dct, sentence)`` and compare start/end with the gold period using
the semantics of ``../shared/benchmarks/score_dates.py``:

* strict -- the predicted interval equals the gold one;
* contains -- it holds the gold interval and is at most four times as wide.

dateparser runs in the same process on the same expressions with its best settings
(``RELATIVE_BASE`` = dct, ``PREFER_DATES_FROM`` = "past", ``languages=["en"]``, one
``DateDataParser`` per dct, built before timing), its ``period`` mapped to an interval
(day, ISO week, month, year); when ``get_date_data`` finds nothing we try ``search_dates``.
dateparser is imported lazily here: it is a dev/benchmark dependency only.
Throughput is expressions per second of CPU time (``time.process_time``: waiting for a
busy shared machine is not counted against either system) over the whole set, best of
three interleaved passes for each system, with no caching across calls on our side.
"""
from __future__ import annotations

import collections
import json
import time
from datetime import date, datetime
from pathlib import Path

from components import DATA_DIR

from dateutil.relativedelta import relativedelta

from .normalize import normalize_date

DEFAULT_GOLD = DATA_DIR.parent.parent / "shared" / "benchmarks" / "timebank_dates.jsonl"
PASSES = 3


def judge(gold: dict, start: date | None, end: date | None) -> tuple[bool, bool]:
    """(strict, contains) exactly as score_dates.py decides them."""
    if start is None or end is None:
        return False, False
    gs, ge = date.fromisoformat(gold["start"][:10]), date.fromisoformat(gold["end"][:10])
    strict = (gs, ge) == (start, end)
    contains = start <= gs and ge <= end and (end - start).days + 1 <= 4 * ((ge - gs).days + 1)
    return strict, contains


def _ours(rows: list[dict]) -> tuple[list[tuple[date | None, date | None]], float]:
    began = time.process_time()
    results = [normalize_date(r["text"], r["dct"], r.get("sentence", "")) for r in rows]
    return [(r.start, r.end) for r in results], time.process_time() - began


def _period_interval(value: datetime, period: str) -> tuple[date, date]:
    d = value.date()
    if period == "week":
        monday = d - relativedelta(days=d.weekday())
        return monday, monday + relativedelta(days=6)
    if period == "month":
        return d.replace(day=1), d + relativedelta(day=31)
    if period == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


class _DateparserRun:
    """dateparser with its best settings; parsers are built (and warmed up) before timing."""

    def __init__(self, rows: list[dict]) -> None:
        from dateparser.date import DateDataParser  # dev/benchmark dependency, imported only here
        from dateparser.search import search_dates

        self.search_dates = search_dates
        self.settings = {dct: {"RELATIVE_BASE": datetime.fromisoformat(dct), "PREFER_DATES_FROM": "past"}
                         for dct in {r["dct"] for r in rows}}
        self.parsers = {dct: DateDataParser(languages=["en"], settings=s) for dct, s in self.settings.items()}
        for parser in self.parsers.values():
            parser.get_date_data("last week")

    def __call__(self, rows: list[dict]) -> tuple[list[tuple[date | None, date | None]], float]:
        began = time.process_time()
        out = []
        for r in rows:
            data = self.parsers[r["dct"]].get_date_data(r["text"])
            if data.date_obj is not None:
                out.append(_period_interval(data.date_obj, data.period or "day"))
                continue
            found = self.search_dates(r["text"], languages=["en"], settings=self.settings[r["dct"]])
            out.append(_period_interval(found[0][1], "day") if found else (None, None))
        return out, time.process_time() - began


def _score(rows, predictions) -> dict:
    tally = collections.defaultdict(lambda: [0, 0, 0])
    for gold, (start, end) in zip(rows, predictions):
        strict, contains = judge(gold, start, end)
        for key in ("all", gold.get("granularity", "?")):
            tally[key][0] += 1
            tally[key][1] += strict
            tally[key][2] += contains
    return {key: {"n": n, "strict": round(s / n, 4), "contains": round(c / n, 4)} for key, (n, s, c) in tally.items()}


def bench(gold_path: Path = DEFAULT_GOLD, with_dateparser: bool = True) -> dict:
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    theirs_run = _DateparserRun(rows) if with_dateparser else None
    our_seconds = their_seconds = float("inf")
    for _ in range(PASSES):  # interleaved passes, best of each: fair under a busy machine
        ours, seconds = _ours(rows)
        our_seconds = min(our_seconds, seconds)
        if theirs_run:
            theirs, seconds = theirs_run(rows)
            their_seconds = min(their_seconds, seconds)
    scores = _score(rows, ours)
    report = {"gold": str(gold_path), "n": len(rows), "strict": scores["all"]["strict"],
              "contains": scores["all"]["contains"], "per_s": round(len(rows) / our_seconds, 1)}
    by_granularity = {g: v for g, v in sorted(scores.items(), key=lambda kv: -kv[1]["n"]) if g != "all"}
    if theirs_run:
        their_scores = _score(rows, theirs)
        report.update(dateparser_strict=their_scores["all"]["strict"], dateparser_contains=their_scores["all"]["contains"],
                      dateparser_per_s=round(len(rows) / their_seconds, 1),
                      speedup=round(their_seconds / our_seconds, 1))
        for g, v in by_granularity.items():
            v["dateparser_strict"] = their_scores[g]["strict"]
            v["dateparser_contains"] = their_scores[g]["contains"]
    report["by_granularity"] = by_granularity
    return report


def format_report(report: dict) -> str:
    lines = [f"TimeBank DATE expressions: n={report['n']}  ({report['gold']})",
             f"{'':14}{'strict':>8}{'contains':>10}{'expr/s':>10}"]
    lines.append(f"{'ours':14}{report['strict']:>8.3f}{report['contains']:>10.3f}{report['per_s']:>10,.0f}")
    if "dateparser_strict" in report:
        lines.append(f"{'dateparser':14}{report['dateparser_strict']:>8.3f}{report['dateparser_contains']:>10.3f}"
                     f"{report['dateparser_per_s']:>10,.0f}")
        lines.append(f"speedup: {report['speedup']}x")
    lines.append("by granularity (ours strict/contains | dateparser strict):")
    for g, v in report["by_granularity"].items():
        theirs = f" | {v['dateparser_strict']:.3f}" if "dateparser_strict" in v else ""
        lines.append(f"  {g:10} n={v['n']:>4}  {v['strict']:.3f} / {v['contains']:.3f}{theirs}")
    return "\n".join(lines)


def run_bench(args) -> int:
    gold = Path(args.gold) if args.gold else DEFAULT_GOLD
    if not gold.is_file():
        print(json.dumps({"error": f"gold file not found: {gold}"}))
        return 2
    try:
        report = bench(gold, with_dateparser=not getattr(args, "no_dateparser", False))
    except ImportError as err:      # dateparser is a dev dependency
        print(json.dumps({"error": f"{err.name or err}: not installed; pip install -r requirements-dev.txt, "
                                   "or run with --no-dateparser"}))
        return 2
    if not getattr(args, "no_arabic", False):   # the Arabic set: ``arabic/bench.py``
        from .arabic.bench import ARABIC_GOLD, arabic_bench, format_arabic
        arabic_gold = Path(getattr(args, "arabic_gold", None) or ARABIC_GOLD)
        report["arabic"] = arabic_bench(_period_interval, arabic_gold,
                                        with_dateparser=not getattr(args, "no_dateparser", False))
    print(json.dumps(report) if args.json else format_report(report)
          + ("\n\n" + format_arabic(report["arabic"]) if "arabic" in report else ""))
    return 0
