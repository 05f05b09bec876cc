"""The Arabic part of ``python -m components.dates bench``: our normalizer and dateparser's
Arabic (``languages=["ar"]``) on the same typical news phrases.

The gold (``benchmarks/arabic_dates.jsonl``, written for this project) gives, for each
phrase, its anchor (``dct``), an optional sentence, the honest bounds ``earliest``/``latest``
(what the dashboard plots: modifiers applied, past-tense clip, both week-start readings,
Hijri months ±1 day) and a ``split``: ``dev`` (rules were written against it) or
``heldout`` (not looked at while writing rules).  Strict: the predicted interval equals
the gold one.  dateparser gives one date and a period (day, week, month, year), mapped to
that calendar interval by the caller's ``period_interval``; when ``get_date_data`` finds
nothing ``search_dates`` is tried.  Throughput is expressions per second of CPU time,
best of ``passes`` interleaved passes, parsers built before timing.
"""
from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

from components import DATA_DIR

from components.dates.normalize import normalize_date

ARABIC_GOLD = DATA_DIR.parent / "benchmarks" / "arabic_dates.jsonl"


def load_gold(path: Path = ARABIC_GOLD) -> list[dict]:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            if row.get("split") not in ("dev", "heldout"):
                raise ValueError(f"{path.name}:{lineno}: split must be dev or heldout: {row.get('split')!r}")
            rows.append(row)
    return rows


def _ours(rows):
    began = time.process_time()
    results = [normalize_date(r["text"], r["dct"], r.get("sentence", "")) for r in rows]
    return [(r.earliest, r.latest) for r in results], time.process_time() - began


def _dateparser(rows, period_interval):
    from dateparser.date import DateDataParser   # dev/benchmark dependency, imported only here
    from dateparser.search import search_dates

    settings = {dct: {"RELATIVE_BASE": datetime.fromisoformat(dct), "PREFER_DATES_FROM": "past"}
                for dct in {r["dct"] for r in rows}}
    parsers = {dct: DateDataParser(languages=["ar"], settings=s) for dct, s in settings.items()}
    for parser in parsers.values():
        parser.get_date_data("الأسبوع الماضي")

    def run():
        began = time.process_time()
        out = []
        for r in rows:
            data = parsers[r["dct"]].get_date_data(r["text"])
            if data.date_obj is not None:
                out.append(period_interval(data.date_obj, data.period or "day"))
                continue
            found = search_dates(r["text"], languages=["ar"], settings=settings[r["dct"]])
            out.append(period_interval(found[0][1], "day") if found else (None, None))
        return out, time.process_time() - began
    return run


def _strict(rows, predictions, split: str | None = None) -> tuple[int, float]:
    pairs = [(r, p) for r, p in zip(rows, predictions) if split is None or r["split"] == split]
    hits = sum(p == (date.fromisoformat(r["earliest"]), date.fromisoformat(r["latest"])) for r, p in pairs)
    return len(pairs), round(hits / len(pairs), 4) if pairs else 0.0


def arabic_bench(period_interval, path: Path = ARABIC_GOLD, with_dateparser: bool = True, passes: int = 3) -> dict:
    """Strict accuracy per split and speed, ours and (optionally) dateparser's Arabic."""
    rows = load_gold(path)
    theirs_run = _dateparser(rows, period_interval) if with_dateparser else None
    our_s = their_s = float("inf")
    for _ in range(passes):
        ours, seconds = _ours(rows)
        our_s = min(our_s, seconds)
        if theirs_run:
            theirs, seconds = theirs_run()
            their_s = min(their_s, seconds)
    report = {"gold": str(path), "n": len(rows), "per_s": round(len(rows) / max(our_s, 1e-9), 1)}
    for split in ("dev", "heldout", None):
        n, strict = _strict(rows, ours, split)
        report[split or "all"] = {"n": n, "strict": strict}
        if theirs_run:
            report[split or "all"]["dateparser_strict"] = _strict(rows, theirs, split)[1]
    if theirs_run:
        report["dateparser_per_s"] = round(len(rows) / max(their_s, 1e-9), 1)
    return report


def format_arabic(report: dict) -> str:
    lines = [f"Arabic news date phrases: n={report['n']}  ({report['gold']})  strict = earliest/latest equal",
             f"{'':10}{'n':>5}{'ours':>8}{'dateparser':>12}"]
    for split in ("dev", "heldout", "all"):
        v = report[split]
        theirs = f"{v['dateparser_strict']:>12.3f}" if "dateparser_strict" in v else ""
        lines.append(f"{split:10}{v['n']:>5}{v['strict']:>8.3f}{theirs}")
    speed = f"expr/s: ours {report['per_s']:,.0f}"
    if "dateparser_per_s" in report:
        speed += f", dateparser {report['dateparser_per_s']:,.0f}"
    lines.append(speed)
    return "\n".join(lines)
