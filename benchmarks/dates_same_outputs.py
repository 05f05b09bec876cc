"""Does a speed change keep every answer?  Runs ``normalize_date`` (and ``find_dates``) on the same inputs with
this tree's code and with a baseline copy of ``components`` and diffs every field of every
``DateResult`` (explanation text included).

    python benchmarks/dates_same_outputs.py --baseline DIR [--lines N] [--show K]

``DIR`` holds the old ``components/`` (e.g. ``git archive main components | tar -x -C DIR``).
Inputs: ``dates_speed.batch_lines(N)`` (TimeBank phrases with their sentences, then the rule
examples, over shifted anchors), the Arabic set, and every rule example against single-day
and window anchors, bare and in wrappers the peelers read ("about", "early", "since", "the
... or so"), with no sentence, a past one and a future one, and with each ``direction``; then
``find_dates`` over the sentences run together and over the bundled articles.
Prints one JSON object (``inputs``, ``diffs``, the first ``K`` differences); exit 1 on a diff.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHORS = ("2020-07-06", "2020-07-05/2020-07-08", "2019-12-31", "2020-02-29", "2021-01-01/2021-01-09", "2019-03-31",
           "9999-12-30", "0001-01-02/0001-01-03")
WRAPPERS = ("{}", "about {}", "early {}", "since {}", "before {}", "the {} or so", "mid-{}", "at 3 a.m. {}")
FIND = "\x00find"   # marks a row for find_dates
SENTENCES = ("", "Officials said the convoy arrived {}.", "The talks will resume {}, it is expected.")


def inputs(lines: int) -> list[tuple]:
    """(text, anchor, context, direction) tuples, in a fixed order."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from dates_speed import batch_lines
    from components.dates import RULES

    rows = [(r["text"], r["anchor"], r["context"], None) for r in batch_lines(lines)]
    arabic = ROOT / "benchmarks" / "arabic_dates.jsonl"
    for r in map(json.loads, arabic.read_text(encoding="utf-8").splitlines()):
        rows.append((r["text"], r["dct"], r.get("sentence", ""), None))
    examples = [example for rule in RULES for example in rule.examples]
    for i, example in enumerate(examples):
        for j, wrapper in enumerate(WRAPPERS):
            phrase = wrapper.format(example)
            anchor = ANCHORS[(i + j) % len(ANCHORS)]
            for sentence in SENTENCES:
                rows.append((phrase, anchor, sentence.format(phrase), None))
            for direction in ("past", "future"):
                rows.append((phrase, ANCHORS[(i + j + 1) % len(ANCHORS)], "", direction))
    sentences = [r[2] for r in rows if r[2]]
    for k in range(0, len(sentences), 40):      # running text for the extractor, 40 sentences at a time
        rows.append((" ".join(dict.fromkeys(sentences[k: k + 40])), ANCHORS[k % len(ANCHORS)], FIND, None))
    for path in sorted((ROOT / "data" / "articles").glob("*.txt")):
        rows.append((path.read_text(encoding="utf-8"), "2020-07-05/2020-07-08", FIND, None))
    return rows


def _dump(rows: list[tuple]) -> list[dict]:
    """Every field of every result; a row whose context is ``FIND`` is a text for
    ``find_dates`` (its phrases, spans and results, in order)."""
    from components.dates import normalize_date
    from components.dates.extract import find_dates

    out = []
    for text, anchor, context, direction in rows:
        if context == FIND:
            out.append({"found": [repr(found) for found in find_dates(text, anchor)]})
            continue
        result = normalize_date(text, anchor, context, direction=direction)
        fields = result.to_dict()
        fields["mod"] = repr(result.mod)
        fields["granularity"] = repr(result.granularity)
        out.append(fields)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="directory holding the old components/ package")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows = inputs(args.lines)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(rows, handle, ensure_ascii=False)
    try:  # the baseline in its own process: both trees are the package ``components``
        child = subprocess.run([sys.executable, "-c", _CHILD, handle.name], capture_output=True, text=True,
                               cwd=Path(args.baseline).resolve(), env={**os.environ, "PYTHONPATH": ""})
    finally:
        os.unlink(handle.name)
    if child.returncode:
        print(child.stderr[-2000:], file=sys.stderr)
        return 2
    baseline = json.loads(child.stdout)
    old, new = baseline["rows"], _dump(rows)
    diffs = [{"input": list(row), "field": key, "old": o[key], "new": n[key]}
             for row, o, n in zip(rows, old, new) for key in o if o[key] != n.get(key)]
    print(json.dumps({"baseline_code": baseline["code"], "inputs": len(rows), "baseline_rows": len(old), "diffs": len(diffs) + abs(len(old) - len(new)),
                      "first": diffs[: args.show]}, ensure_ascii=False, indent=1))
    return 1 if diffs or len(old) != len(new) else 0


# Run in the baseline directory: its ``components`` is imported, this file's ``_dump`` code is reused.
_CHILD = f"""
import json, sys
sys.path.insert(0, '.')
import components.dates
namespace = {{"__file__": {str(Path(__file__).resolve())!r}}}
exec(compile(open({str(Path(__file__).resolve())!r}).read(), 'dump', 'exec'), namespace)
rows = json.load(open(sys.argv[1], encoding='utf-8'))
sys.stdout.write(json.dumps({{'code': components.__file__, 'rows': namespace['_dump'](rows)}}, ensure_ascii=False))
"""


if __name__ == "__main__":
    sys.exit(main())
