"""Proposing event rows from a new article, for a curator to review (nothing is written to data/).

``propose_rows(text, published)`` finds every date phrase (``components.dates.extract``),
and for each one proposes a row in the ``data/events.csv`` format:

* ``event_id`` "new-01", "new-02"... in text order; ``article_id`` empty (the curator
  adds the article to articles.csv first);
* ``quote`` the sentence around the phrase, verbatim; ``date_text`` the phrase;
  ``anchor`` empty (read against the publication window);
* ``actors`` and ``towns``: every canonical actor / town whose name or alias occurs
  in the sentence as whole words (case-insensitive), in order of appearance;
* ``event_type``, ``status``, ``favours``, ``summary`` empty: they need judgement;

plus ``earliest``, ``latest`` and ``explanation`` so the curator sees what the phrase
will mean.  CLI::

    python -m components.ingest ARTICLE.txt --published 2020-07-05[/2020-07-08] [--out FILE]

CSV goes to stdout unless ``--out``; cells that a spreadsheet would run as a formula
are guarded with a leading apostrophe (``components.io.table_export.guard_cell``).
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

import pandas as pd

from components.dates.arabic import has_arabic
from components.dates.extract import find_dates
from components.dates.model import Anchor
from components.events.loader import EVENT_COLUMNS
from components.io.table_export import guard_cell
from components.io.importers.files import atomic_write
from components.io.importers.references import References, load_references

PROPOSAL_COLUMNS = (*EVENT_COLUMNS, "earliest", "latest", "explanation")
ID_PREFIX = "new-"


class NameFinder:
    """Finds canonical names in text through every alias, as whole words, longest alias first."""

    def __init__(self, aliases: dict[str, tuple[str, ...]]) -> None:
        self._canonical = {}
        for canonical, names in aliases.items():
            for name in names:
                self._canonical.setdefault(" ".join(name.split()).casefold(), canonical)
        ordered = sorted((n for n in self._canonical if not has_arabic(n)), key=len, reverse=True)  # Arabic: _arabic_hits
        body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
        self._regex = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE) if ordered else None

    def __call__(self, text: str) -> list[str]:
        """Canonical names found in ``text``, first occurrence order, no repeats."""
        hits = [(m.start(), self._canonical[" ".join(m.group().split()).casefold()])
                for m in (self._regex.finditer(text) if self._regex else ())]
        if has_arabic(text):
            hits = sorted(hits + self._arabic_hits(text))
        found: list[str] = []
        for _, name in hits:
            if name not in found:
                found.append(name)
        return found

    def _arabic_hits(self, text: str) -> list[tuple[int, str]]:
        """Arabic aliases matched on the folded text (hamza, taa marbuta... as in the date rules),
        also with an attached conjunction or preposition: "والميادين", "بالبوكمال", "للحرس الثوري".
        A name followed by a bare number is an outlet's ("دير الزور 24"), not the place."""
        from components.dates.arabic.fold import fold, fold_with_map

        if not hasattr(self, "_arabic"):
            folded = {fold(name): canonical for name, canonical in self._canonical.items() if has_arabic(name)}
            body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(folded, key=len, reverse=True))
            self._arabic = (re.compile(rf"(?<!\w)[وف]?[بلك]?(?P<name>{body})(?!\w)(?! \d+(?!\w))") if folded else None, folded)
        regex, folded_names = self._arabic
        if regex is None:
            return []
        folded_text, index = fold_with_map(text)
        return [(index[m.start("name")], folded_names[" ".join(m["name"].split())]) for m in regex.finditer(folded_text)]


def propose_rows(text: str, published: str, refs: References | None = None) -> pd.DataFrame:
    """One proposed events.csv row per date phrase in ``text`` (columns ``PROPOSAL_COLUMNS``)."""
    refs = refs if refs is not None else load_references()
    actors, towns = NameFinder(refs.actor_aliases), NameFinder(refs.town_aliases)
    rows = []
    for number, found in enumerate(find_dates(text, published), start=1):
        sentence = " ".join(found.context.split())
        result = found.result
        earliest, latest = result.bounds_iso()
        rows.append({
            "event_id": f"{ID_PREFIX}{number:02d}", "article_id": "", "quote": sentence,
            "date_text": found.text, "anchor": "", "actors": "; ".join(actors(sentence)),
            "towns": "; ".join(towns(sentence)), "event_type": "", "status": "", "favours": "",
            "same_as": "", "summary": "", "date_override_earliest": "", "date_override_latest": "",
            "override_reason": "", "earliest": earliest, "latest": latest,
            "explanation": result.derivation(),
        })
    return pd.DataFrame(rows, columns=list(PROPOSAL_COLUMNS))


def proposals_csv(frame: pd.DataFrame) -> str:
    """The proposals as CSV text, every cell formula-guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")   # CRLF: a bare CR in a cell gets quoted
    writer.writerow(PROPOSAL_COLUMNS)
    for row in frame[list(PROPOSAL_COLUMNS)].itertuples(index=False):
        writer.writerow([guard_cell(str(value)) for value in row])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.ingest",
                                     description="Propose events.csv rows from a new article.")
    parser.add_argument("article", type=Path, help="the article as a UTF-8 text file")
    parser.add_argument("--published", required=True, help="publication date YYYY-MM-DD or window YYYY-MM-DD/YYYY-MM-DD")
    parser.add_argument("--out", type=Path, default=None, help="write the CSV here instead of stdout")
    parser.add_argument("--data-dir", type=Path, default=None, help="registries' data dir (default data/)")
    args = parser.parse_args(argv)
    try:
        Anchor.of(args.published)
    except (ValueError, TypeError) as err:
        print(f"error: bad --published {args.published!r}: {err}", file=sys.stderr)
        return 2
    try:
        text = args.article.read_text(encoding="utf-8")
        frame = propose_rows(text, args.published, load_references(args.data_dir))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        print(f"error: {args.article}: {err}", file=sys.stderr)
        return 2
    output = proposals_csv(frame)
    if args.out:
        try:
            atomic_write(args.out, lambda tmp: tmp.write_text(output, encoding="utf-8"))
        except OSError as err:
            print(f"error: could not write {args.out}: {err}", file=sys.stderr)
            return 2
        print(f"{len(frame)} proposed rows written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
