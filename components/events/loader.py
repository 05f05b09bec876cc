"""Loading a data directory: every table read, every row checked, every event dated.

``load_dataset(data_dir)`` collects every problem in every file before failing,
then raises one :class:`EventDataError` listing them in file and line order.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from components import DATA_DIR

from .records import Problems, Record, read_table, split_list
from .dating import LABEL, EventRow, date_events
from .fields import enum_value, first_seen, iso_date, require, vocabulary_value
from .model import Actor, Article, Dataset, EventDataError, Favours, Problem, Status
from .moments import load_moments
from .registry import NameRegistry
from .tables import load_actors, load_articles, load_event_types, load_towns
from .validate import ArticleText, clip

DEFAULT_DATA_DIR = DATA_DIR

EVENT_COLUMNS = ("event_id", "article_id", "quote", "date_text", "anchor", "actors", "towns",
                 "event_type", "status", "favours", "same_as", "summary",
                 "date_override_earliest", "date_override_latest", "override_reason",
                 "override_source")
EVENT_OPTIONAL = ("override_source",)    # files from before it existed still load
EVENT_REQUIRED = ("event_id", "article_id", "quote", "event_type", "status", "favours", "summary")
FILE_ORDER = ("articles.csv", "actors.csv", "towns.csv", "event_types.csv", "events.csv",
              "moments.csv")


def default_normalize(text: str, anchor, context: str = "", *, direction: str | None = None):
    """The project's date normalizer, imported on first use so this package loads without it."""
    from components.dates import normalize_date
    return normalize_date(text, anchor, context, direction=direction)


def load_dataset(data_dir: str | Path | None = None, *, normalize: Callable | None = None) -> Dataset:
    """Read, validate and date everything in ``data_dir`` (default: the bundled ``data/``).

    ``normalize`` is ``normalize_date(text, anchor, context, *, direction)``; tests
    inject a fake.  Raises :class:`EventDataError` carrying every problem found.
    """
    data_dir = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    problems = Problems()
    if not data_dir.is_dir():
        problems.add(str(data_dir), 0, "", str(data_dir), f"data directory not found: {data_dir}")
        raise EventDataError(problems.items)
    articles, article_ids = load_articles(data_dir, problems)
    actors, actor_names = load_actors(data_dir, problems)
    towns, town_names = load_towns(data_dir, problems)
    event_types = load_event_types(data_dir, problems)
    context = _Context(articles, article_ids, actors, actor_names, town_names, event_types)
    rows = _event_rows(read_table(data_dir / LABEL, EVENT_COLUMNS, problems, EVENT_OPTIONAL), context, problems)
    events = date_events(rows, articles, normalize or default_normalize, problems)
    moments = load_moments(data_dir, {row.event_id for row in rows}, problems)
    if problems.items:
        raise EventDataError(sorted_problems(problems.items))
    return Dataset(articles, actors, towns, event_types, tuple(events), moments)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (reference tables first), then by line; stable otherwise."""
    def rank(problem: Problem) -> tuple[int, str, int]:
        order = FILE_ORDER.index(problem.file) if problem.file in FILE_ORDER else len(FILE_ORDER)
        return order, problem.file, problem.line
    return sorted(problems, key=rank)


class _Context:
    """What event rows are checked against."""

    def __init__(self, articles: dict[str, Article], article_ids: set[str],
                 actors: dict[str, Actor], actor_names: NameRegistry, town_names: NameRegistry,
                 event_types: dict) -> None:
        self.articles, self.article_ids, self.actors = articles, article_ids, actors
        self.actor_names, self.town_names, self.event_types = actor_names, town_names, event_types
        self.texts = {a.article_id: ArticleText(a.text) for a in articles.values()}


def _event_rows(records: list[Record], ctx: _Context, problems: Problems) -> list[EventRow]:
    """Checked rows; references between rows (anchor, same_as) are checked once all ids are known."""
    seen: dict[str, int] = {}
    rows = []
    for rec in records:
        if rec["event_id"] and not first_seen(seen, rec["event_id"], rec, "event_id", LABEL, problems):
            continue
        row = _event_row(rec, ctx, problems)
        if row is not None:
            rows.append(row)
    # a malformed record's id is unknown, so references to it cannot be judged yet
    judge = LABEL not in problems.partial
    broken = {rec.line for rec in records if not _references_ok(rec, seen, judge, problems)}
    return [row for row in rows if row.line not in broken]


def _references_ok(rec: Record, ids: dict[str, int], judge: bool, problems: Problems) -> bool:
    ok = True
    for column in ("anchor", "same_as"):
        ref = rec[column]
        if not ref:
            continue
        if ref == rec["event_id"]:
            problems.add(LABEL, rec.line, column, ref, f"{column} '{ref}' refers to the event itself")
            ok = False
        elif ref not in ids:
            if judge:
                problems.add(LABEL, rec.line, column, ref,
                             f"{column} refers to unknown event_id '{ref}'")
            ok = False
    return ok


def _event_row(rec: Record, ctx: _Context, problems: Problems) -> EventRow | None:
    """The checked row, or None after reporting what is wrong with it.  Checks against a
    reference file that could not be read at all are skipped (that file is reported)."""
    before = len(problems)
    require(rec, EVENT_REQUIRED, LABEL, problems)
    broken = problems.broken
    article = ctx.articles.get(rec["article_id"])
    if rec["article_id"] and rec["article_id"] not in ctx.article_ids and "articles.csv" not in broken:
        problems.add(LABEL, rec.line, "article_id", rec["article_id"],
                     f"unknown article_id '{rec['article_id']}' (see articles.csv)")
    if article is not None:
        _check_text(rec, ctx.texts[article.article_id], article.file, problems)
    actors = () if "actors.csv" in broken else _names(rec, "actors", ctx.actor_names, problems)
    towns = () if "towns.csv" in broken else _names(rec, "towns", ctx.town_names, problems)
    event_type = status = favours = None
    if rec["event_type"] and "event_types.csv" not in broken:
        event_type = vocabulary_value(rec, "event_type", ctx.event_types, "event_types.csv",
                                      LABEL, problems)
    if rec["status"]:
        status = enum_value(rec, "status", Status, LABEL, problems)
    if rec["favours"]:
        favours = enum_value(rec, "favours", Favours, LABEL, problems)
    override = _override(rec, problems)
    if len(problems) > before or article is None or broken:
        return None  # a broken article row or reference file is already reported
    sides = tuple(dict.fromkeys(ctx.actors[a].side.value for a in actors if a in ctx.actors))
    return EventRow(rec.line, rec["event_id"], rec["article_id"], rec["quote"], rec["date_text"],
                    rec["anchor"], actors, sides, towns, event_type, status, favours,
                    rec["same_as"], rec["summary"], override, rec["override_reason"],
                    rec["override_source"])


def _check_text(rec: Record, text: ArticleText, file: str, problems: Problems) -> None:
    quote, date_text = rec["quote"], rec["date_text"]
    if quote and not text.contains(quote):
        problems.add(LABEL, rec.line, "quote", quote,
                     f"quote '{clip(quote)}' not found verbatim in articles/{file}: "
                     f"{text.why_missing(quote)}")
    if date_text and date_text not in " ".join(quote.split()) and not text.contains(date_text):
        problems.add(LABEL, rec.line, "date_text", date_text,
                     f"date_text '{date_text}' not found in the quote or in articles/{file}: "
                     f"{text.why_missing(date_text)}")


def _names(rec: Record, column: str, registry: NameRegistry, problems: Problems) -> tuple[str, ...]:
    """Canonical names of a ``;``-list cell, each unknown name a problem, repeats collapsed."""
    canonical = []
    for name in split_list(rec[column]):
        found = registry.resolve(name)
        if found is None:
            problems.add(LABEL, rec.line, column, name, registry.unknown_message(name))
        else:
            canonical.append(found)
    return tuple(dict.fromkeys(canonical))


def _check_source(rec: Record, problems: Problems) -> None:
    """An override's source is a citation, or a web address (http/https, no spaces)."""
    source = rec["override_source"]
    looks_like_address = re.match(r"[a-z][a-z0-9+.-]*:(?!\s)", source, re.IGNORECASE)
    if looks_like_address and not re.fullmatch(r"https?://[^\s/]+\S*", source, re.IGNORECASE):
        problems.add(LABEL, rec.line, "override_source", source,
                     f"override_source '{clip(source)}' is not an http(s) address "
                     "(give a URL starting https:// or a citation in words)")


def _override(rec: Record, problems: Problems):
    """The analyst's (earliest, latest), or None; both bounds and a reason are required."""
    lo_col, hi_col = "date_override_earliest", "date_override_latest"
    _check_source(rec, problems)
    if not (rec[lo_col] or rec[hi_col]):
        for column in ("override_reason", "override_source"):
            if rec[column]:
                problems.add(LABEL, rec.line, column, rec[column],
                             f"{column} given without date_override_earliest/latest")
        return None
    for column, other in ((lo_col, hi_col), (hi_col, lo_col)):
        if not rec[column]:
            problems.add(LABEL, rec.line, column, "",
                         f"override needs both bounds: {other} is set but {column} is empty")
    if not rec["override_reason"]:
        problems.add(LABEL, rec.line, "override_reason", "",
                     "override without override_reason (say why the phrase is overruled)")
    if not (rec[lo_col] and rec[hi_col]):
        return None
    first, last = iso_date(rec, lo_col, LABEL, problems), iso_date(rec, hi_col, LABEL, problems)
    if first is None or last is None:
        return None
    if last < first:
        problems.add(LABEL, rec.line, hi_col, rec[hi_col],
                     f"{hi_col} {last} is before {lo_col} {first}")
        return None
    return first, last
