"""Speed of the date command line as a user meets it: start-up and whole-process batch
against dateparser run the way its users would (``benchmarks/dateparser_batch.py``).

    python benchmarks/dates_speed.py [--lines N] [--workdir DIR]     # one JSON object

* ``dates_cli_startup_s``: ``python -m components.dates normalize "last week" --anchor ...``,
  wall seconds, median of 9 runs, with the bytecode cache a normal install has (the first
  run writes it); ``python_startup_s`` is ``python -c pass`` in the same run, the floor.
* ``dates_batch_vs_dateparser``: wall seconds of ``python benchmarks/dateparser_batch.py``
  over those of ``python -m components.dates batch``, whole processes on the same JSONL of
  distinct (phrase, anchor, sentence) lines, best of 3 interleaved runs each.
* ``measure_text_speed``: ``find`` on 100,000 characters of adversarial shapes (issue 17).
* ``dates_in_process_per_s``: ``normalize_date`` on the same lines in this process, CPU time,
  best of 3 -- no cache across calls (every line is distinct anyway).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path("/work/shared/benchmarks/timebank_dates.jsonl")
if not GOLD.exists():
    GOLD = ROOT.parent / "shared" / "benchmarks" / "timebank_dates.jsonl"


def batch_lines(n: int) -> list[dict]:
    """``n`` distinct lines: the TimeBank phrases with their sentences, then the rule table's
    examples, each against a run of different anchors (so no line repeats)."""
    sys.path.insert(0, str(ROOT))
    from components.dates import RULES

    seeds = []
    if GOLD.exists():
        seeds = [(r["text"], r["dct"], r.get("sentence", "")) for r in map(json.loads, GOLD.read_text().splitlines())]
    seeds += [(example, "2020-07-06", "") for rule in RULES for example in rule.examples]
    lines, seen, shift = [], set(), 0
    while len(lines) < n:
        for text, dct, sentence in seeds:
            anchor = (date.fromisoformat(dct) + timedelta(days=shift)).isoformat()
            if (text, anchor) not in seen:
                seen.add((text, anchor))
                lines.append({"text": text, "anchor": anchor, "context": sentence})
                if len(lines) == n:
                    break
        shift += 37
    return lines


def _wall(cmd: list[str], stdin: Path | None = None, env: dict | None = None) -> float:
    began = time.perf_counter()
    with open(stdin or os.devnull, "rb") as handle:
        done = subprocess.run(cmd, stdin=handle, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd[:4])}: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return time.perf_counter() - began


def measure(lines: int = 10_000, workdir: Path = Path("/tmp/dz-bench"), with_dateparser: bool = True) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    rows = batch_lines(lines)
    path = workdir / f"dates_batch_{lines}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from benchmarks.installed import installed_env
    env = installed_env()                            # bytecode written and read, as installed
    py = sys.executable
    cli = [py, "-m", "components.dates", "normalize", "last week", "--anchor", "2020-07-05/2020-07-08"]
    _wall(cli, env=env)                              # writes the bytecode cache, as a first run does
    startup, floor = [], []
    for _ in range(9):
        startup.append(_wall(cli, env=env))
        floor.append(_wall([py, "-c", "pass"], env=env))
    report = {"dates_cli_startup_s": round(statistics.median(startup), 3),
              "dates_cli_startup_min_s": round(min(startup), 3),
              "python_startup_s": round(statistics.median(floor), 3),
              "dates_batch_lines": lines}
    ours, theirs = [], []
    for _ in range(3):                               # interleaved: a busy machine slows both alike
        ours.append(_wall([py, "-m", "components.dates", "batch"], path, env))
        if with_dateparser:
            theirs.append(_wall([py, str(ROOT / "benchmarks" / "dateparser_batch.py")], path, env))
    report["dates_batch_s"] = round(min(ours), 3)
    report["dates_batch_per_s"] = round(lines / min(ours))
    if theirs:
        report["dateparser_batch_s"] = round(min(theirs), 3)
        report["dates_batch_vs_dateparser"] = round(min(theirs) / min(ours), 1)
    sys.path.insert(0, str(ROOT))
    from components.dates import normalize_date
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        for r in rows:
            normalize_date(r["text"], r["anchor"], r["context"])
        best = min(best, time.process_time() - began)
    report["dates_in_process_per_s"] = round(lines / best)
    return report


def measure_text_speed(chars: int = 100_000) -> dict:
    """What tests no longer assert (wall clocks are noisy there): the normalizer on
    adversarial input and ``find_dates`` on 100,000 characters of run-on text (issue 17:
    text whose "sentences" end in abbreviations took 27-80 s before ``find`` was made
    linear); ``find_100k_worst_s`` is the slowest of the adversarial shapes, wall seconds."""
    sys.path.insert(0, str(ROOT))
    from components.dates import normalize_date
    from components.dates.extract import find_dates
    anchor = "2020-07-05/2020-07-08"
    normalize_date("last week", anchor)
    adversarial = ["(" * 5_000, "last " * 2_000 + "week", "May " * 5_000, "a" * 20_000]
    worst_ms = 0.0
    for text in adversarial:
        began = time.perf_counter()
        normalize_date(text, anchor, text)
        worst_ms = max(worst_ms, (time.perf_counter() - began) * 1000)
    units = {"abbreviations": "Mr. A. ", "initials": "A. ", "dotted": "U.S. ", "no_space": "A.", "may": "May ",
             "weekdays": "Friday ", "ordinal_days": "on the 5th ", "abbreviated_dates": "Jan. 5 ",
             "paragraphs": "A.\n\n", "prose": "Russian forces deployed a convoy to Deir Ezzor last week, and on "
                                             "Saturday Iran-backed militias withdrew. "}
    find_s = {}
    for name, unit in units.items():
        text = (unit * (chars // len(unit) + 1))[:chars]
        began = time.perf_counter()
        find_dates(text, anchor)
        find_s[name] = round(time.perf_counter() - began, 3)
    return {"normalize_adversarial_worst_ms": round(worst_ms, 2), "find_chars": chars, "find_s": find_s,
            "find_100k_worst_s": max(find_s.values()) if chars == 100_000 else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--workdir", default="/tmp/dz-bench")
    parser.add_argument("--no-dateparser", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.lines, Path(args.workdir), not args.no_dateparser)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
