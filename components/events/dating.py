"""Dating events: each row's date phrase read against its anchor, plus analyst overrides.

The anchor is the article's publication window ``[published_earliest,
published_latest]`` unless the row names another event, whose resolved
``[earliest, latest]`` is then the anchor (and the phrase is read forward from it:
"in less than 24 hours" after that event).  With no date phrase the event takes
the anchor itself (rule ``publication_window`` or ``anchor_event``) -- except a
*reported* event, which happened before it was reported: ``lag`` dates it from a
reporting lag before publication unless its words place it otherwise.  An override
replaces the bounds but keeps the phrase's own derivation in the explanation.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .lag import (DEFAULT_LAG_DAYS, LAG_RULE, LAGGED_STATUSES, lag_explanation, lag_interval,
                  reading_of, window_explanation)
from .records import Problems
from .model import Article, DateSource, Event, Favours, Status
from .validate import anchor_order
from .schema import DATE_MAX, DATE_MIN, OUT_OF_RANGE

LABEL = "events.csv"


@dataclass(frozen=True, slots=True)
class EventRow:
    """A checked events.csv row before dating: canonical names, parsed enums, line number."""

    line: int
    event_id: str
    article_id: str
    quote: str
    date_text: str
    anchor_ref: str
    actors: tuple[str, ...]
    sides: tuple[str, ...]
    towns: tuple[str, ...]
    event_type: str
    status: Status
    favours: Favours
    same_as: str
    summary: str
    override: tuple[date, date] | None
    override_reason: str
    override_source: str = ""


@dataclass(frozen=True, slots=True)
class _Dates:
    start: date
    end: date
    earliest: date
    latest: date
    granularity: str
    mod: str
    timex: str
    rule: str
    explanation: str
    source: DateSource


def date_events(rows: list[EventRow], articles: dict[str, Article], normalize: Callable,
                problems: Problems) -> list[Event]:
    """Events in file order, each dated after its anchor event; cycles and unreadable phrases
    are problems (and the events behind them stay undated)."""
    by_id = {row.event_id: row for row in rows}
    order, cycles = anchor_order({row.event_id: row.anchor_ref for row in rows})
    for cycle in cycles:
        first = min(cycle, key=lambda event_id: by_id[event_id].line)
        ring = cycle[cycle.index(first):] + cycle[: cycle.index(first)] + [first]
        problems.add(LABEL, by_id[first].line, "anchor", by_id[first].anchor_ref,
                     "anchor cycle: " + " -> ".join(ring))
    dated: dict[str, Event] = {}
    for event_id in order:
        row = by_id[event_id]
        anchor_event = dated.get(row.anchor_ref) if row.anchor_ref else None
        if row.anchor_ref and anchor_event is None:
            continue  # the anchor is broken or in a cycle: already reported
        dates = _date_row(row, articles[row.article_id], anchor_event, normalize, problems)
        if dates is not None:
            dated[event_id] = _event(row, anchor_event, articles[row.article_id], dates)
    return [dated[row.event_id] for row in rows if row.event_id in dated]


def _anchor_window(article: Article, anchor_event: Event | None) -> tuple[date, date]:
    if anchor_event is not None:
        return anchor_event.earliest, anchor_event.latest
    return article.published_earliest, article.published_latest


def _date_row(row: EventRow, article: Article, anchor_event: Event | None, normalize: Callable,
              problems: Problems) -> _Dates | None:
    first, last = _anchor_window(article, anchor_event)
    source = DateSource.ANCHOR_EVENT if anchor_event else DateSource.PHRASE
    if not row.date_text and not row.anchor_ref and row.status.value in LAGGED_STATUSES:
        dates = _undated_report_dates(row, first, last, normalize)
    elif not row.date_text:
        dates = _window_dates(row, article, first, last)
    else:
        dates = _phrase_dates(row, first, last, source, normalize, problems)
    if row.override is None:
        return dates
    return _override_dates(row, dates)


def _window_dates(row: EventRow, article: Article, first: date, last: date) -> _Dates:
    grain, timex = ("day", first.isoformat()) if first == last else ("span", "")
    if row.anchor_ref:
        rule, source = "anchor_event", DateSource.ANCHOR_EVENT
        how = f"no date phrase: same time as event {row.anchor_ref}"
    else:
        rule, source = "publication_window", DateSource.PUBLICATION
        how = f"no date phrase: publication window of {article.article_id}"
    return _Dates(first, last, first, last, grain, "", timex, rule, f"{how} → {first}..{last}", source)


def _undated_report_dates(row: EventRow, first: date, last: date, normalize: Callable) -> _Dates:
    """A reported event with no date phrase: a vague span its words name, the publication
    window when they say it was going on, else the reporting lag (``lag``)."""
    reading = reading_of(row.quote)
    source = DateSource.PUBLICATION
    if reading.kind == "vague":
        try:
            result = normalize(reading.cue, (first, last), row.quote)
        except Exception:  # an unreadable cue falls back to the lag, never to a problem
            result = None
        if result is not None and result.resolved:
            return _Dates(result.start, result.end, result.earliest, result.latest,
                          result.granularity.value, result.mod.value, result.timex, result.rule,
                          f"no date phrase, so the text's '{reading.cue}' dates it: {result.explanation}",
                          source)
    if reading.kind == "window":
        grain, timex = ("day", first.isoformat()) if first == last else ("span", "")
        return _Dates(first, last, first, last, grain, "", timex, "publication_window",
                      window_explanation(first, last, reading), source)
    earliest, latest = lag_interval(first, last, DEFAULT_LAG_DAYS)
    return _Dates(earliest, latest, earliest, latest, "span", "", "", LAG_RULE,
                  lag_explanation(first, last, DEFAULT_LAG_DAYS, row.quote), source)


def _phrase_dates(row: EventRow, first: date, last: date, source: DateSource, normalize: Callable,
                  problems: Problems) -> _Dates | None:
    direction = "future" if row.anchor_ref else None
    try:
        result = normalize(row.date_text, (first, last), row.quote, direction=direction)
    except Exception as err:  # a normalizer bug must still surface as a located problem
        result, error = None, f"date normalizer failed: {type(err).__name__}: {err}"
    else:
        error = "" if result.resolved else result.error
        if not error and not (DATE_MIN <= result.earliest and result.latest <= DATE_MAX):
            error = f"resolves to {result.earliest}..{result.latest}: {OUT_OF_RANGE}"
    if not error:
        how = result.explanation
        if row.anchor_ref:  # the normalizer only sees dates; say whose dates they are
            from components.dates.explain import ANCHOR_WORDS, REFERENCE   # loaded with the normalizer
            window = f"{first}" if first == last else f"{first}..{last}"
            named = how.replace(f"{ANCHOR_WORDS} {window}", f"after event {row.anchor_ref} ({first}..{last})", 1)
            how = (named.replace(REFERENCE, f"event {row.anchor_ref}") if named != how
                   else f"anchored on event {row.anchor_ref} ({first}..{last}): {how}")
        return _Dates(result.start, result.end, result.earliest, result.latest,
                      result.granularity.value, result.mod.value, result.timex, result.rule,
                      how, source)
    if row.override is not None:
        # the analyst dates it; the failure stays visible in the explanation
        return _Dates(first, last, first, last, "span", "", "", "unresolved",
                      f"'{row.date_text}' left unresolved in an article published {first}..{last} ({error})", source)
    problems.add(LABEL, row.line, "date_text", row.date_text,
                 f"cannot resolve date '{row.date_text}' (anchor {first}..{last}): {error}")
    return None


def _override_dates(row: EventRow, dates: _Dates | None) -> _Dates:
    first, last = row.override
    derivation = f"{dates.explanation} ; " if dates else ""
    grain = "day" if first == last else "span"
    return _Dates(first, last, first, last, grain, "", "", "override",
                  f"{derivation}analyst override → {first}..{last} ({row.override_reason})",
                  DateSource.OVERRIDE)


def _event(row: EventRow, anchor_event: Event | None, article: Article, dates: _Dates) -> Event:
    first, last = _anchor_window(article, anchor_event)
    return Event(
        event_id=row.event_id, article_id=row.article_id, line=row.line, quote=row.quote,
        date_text=row.date_text, anchor_ref=row.anchor_ref, anchor_earliest=first,
        anchor_latest=last, start=dates.start, end=dates.end, earliest=dates.earliest,
        latest=dates.latest, granularity=dates.granularity, mod=dates.mod, timex=dates.timex,
        rule=dates.rule, explanation=dates.explanation, date_source=dates.source,
        override_reason=row.override_reason, override_source=row.override_source, actors=row.actors, sides=row.sides, towns=row.towns,
        event_type=row.event_type, status=row.status, favours=row.favours, same_as=row.same_as,
        summary=row.summary)
