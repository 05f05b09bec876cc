"""dateparser run the way its users would on a JSONL batch: one ``DateDataParser`` per
anchor, built once and cached, ``get_date_data`` per line, one JSON line out per line.

    python benchmarks/dateparser_batch.py < phrases.jsonl > out.jsonl

The whole-process baseline for ``python -m components.dates batch`` on the same lines
(``benchmarks/dates_speed.py``).  Settings as in ``components/dates/bench.py``: English,
``RELATIVE_BASE`` = the anchor's first day, ``PREFER_DATES_FROM`` = past.
"""
import json
import sys
from datetime import datetime

from dateparser.date import DateDataParser


def main() -> int:
    parsers: dict[str, DateDataParser] = {}
    out = sys.stdout
    for line in sys.stdin:
        row = json.loads(line)
        anchor = row["anchor"].split("/")[0]
        parser = parsers.get(anchor)
        if parser is None:
            parser = parsers[anchor] = DateDataParser(languages=["en"], settings={
                "RELATIVE_BASE": datetime.fromisoformat(anchor), "PREFER_DATES_FROM": "past"})
        data = parser.get_date_data(row["text"])
        value = data.date_obj.date().isoformat() if data.date_obj else None
        out.write(json.dumps({"text": row["text"], "anchor": row["anchor"], "date": value, "period": data.period}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
