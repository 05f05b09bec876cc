"""The curated event model: articles, actors, towns, event types and dated events.

Everything here is a frozen value.  Vocabulary values are lowercase; the loader
case-folds what it reads and checks it against these enums.  Dates are inclusive
calendar days.  An :class:`Event` carries two intervals, as the date normalizer
produces them (see ``components/dates/model.py``):

* ``start``/``end`` -- the period the date phrase names ("late 2017" names 2017);
* ``earliest``/``latest`` -- the honest bounds the charts plot ("late 2017" ->
  2017-09-01..2017-12-31), or the analyst's override when one is given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from components.text import visible_controls


class Side(str, Enum):
    RUSSIA = "russia"
    IRAN = "iran"
    SYRIAN_GOVERNMENT = "syrian_government"
    US_COALITION = "us_coalition"
    SDF = "sdf"
    ISIS = "isis"
    OPPOSITION = "opposition"
    ISRAEL = "israel"
    TURKEY = "turkey"
    LOCAL = "local"
    OTHER = "other"


class Status(str, Enum):
    REPORTED = "reported"
    CLAIMED = "claimed"
    BACKGROUND = "background"
    ONGOING = "ongoing"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"


class Favours(str, Enum):
    """Which side of the Russia-Iran competition an event strengthens."""

    RUSSIA = "russia"
    IRAN = "iran"
    NEITHER = "neither"
    UNCLEAR = "unclear"


# How people write the sides and favours values (legends, captions, widgets, PNG stamps):
# the codes above are for files and URLs, these labels for everything a reader sees.
SIDE_LABELS: dict[str, str] = {
    "russia": "Russia",
    "iran": "Iran",
    "syrian_government": "Syrian government",
    "us_coalition": "US-led coalition",
    "sdf": "SDF",
    "isis": "ISIS",
    "opposition": "Syrian opposition",
    "israel": "Israel",
    "turkey": "Turkey",
    "local": "Local actors",
    "other": "Other",
    "neither": "Neither side",
    "unclear": "Unclear",
}
# The two camps of the competition, in the order every view lists them.
CAMPS: tuple[str, ...] = ("russia", "iran")


def side_label(code: object) -> str:
    """The reader's name of a side or favours code ("us_coalition" -> "US-led coalition");
    a value that is not a code (e.g. an imported file's own word) comes back unchanged."""
    text = "" if code is None else str(code)
    return SIDE_LABELS.get(text.strip().lower(), text)


class LocationPrecision(str, Enum):
    TOWN = "town"
    NEAR_TOWN = "near_town"
    REGION = "region"


class DateSource(str, Enum):
    """Where an event's dates came from (the frame's ``date_source`` column)."""

    PHRASE = "phrase"               # date_text read against the publication window
    PUBLICATION = "publication"     # no date_text: the publication window itself
    ANCHOR_EVENT = "anchor_event"   # read against (or equal to) another event's dates
    OVERRIDE = "override"           # analyst correction, with a reason


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as ``file:line:column``.

    ``line`` is the physical line of the CSV record (header = 1; 0 = the file as a
    whole); ``column`` is the column name ("" = the whole row or file).  ``message``
    is the full human sentence and already quotes ``value``.
    """

    file: str
    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class EventDataError(ValueError):
    """The curated data has problems; ``.problems`` lists every one of them."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        head = f"{len(self.problems)} problem(s) in the event data"
        super().__init__("\n".join([head, *map(str, self.problems)]))


def data_problems(err: Exception) -> list[str]:
    """Every problem of a failed load as one plain-text line each (controls shown escaped, so
    a value cannot drive a terminal)."""
    if isinstance(err, EventDataError):
        lines = [str(p) for p in err.problems] or [str(err)]
    else:
        lines = [line for line in str(err).splitlines() if line.strip()] or [type(err).__name__]
    return [visible_controls(line, one_line=True) for line in lines]


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    file: str                        # name inside data/articles/
    title: str
    outlet: str
    relays: tuple[str, ...]
    url: str
    published_earliest: date
    published_latest: date
    published_evidence: str
    text: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.published_latest < self.published_earliest:
            raise ValueError(f"article {self.article_id!r} published window ends before it starts")

    def __str__(self) -> str:
        return f"{self.article_id} ({self.outlet}, {self.published_earliest}..{self.published_latest})"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str                        # canonical
    side: Side
    parent: str                      # canonical parent actor, "" if none
    aliases: tuple[str, ...]
    colour: str                      # "#rrggbb" or ""

    def __str__(self) -> str:
        return f"{self.name} [{self.side.value}]"


@dataclass(frozen=True, slots=True)
class Town:
    name: str                        # canonical
    aliases: tuple[str, ...]
    admin_area: str
    latitude: float
    longitude: float
    location_precision: LocationPrecision
    parent: str = ""                 # canonical containing place ("Albu Kamal" for its desert)

    def __str__(self) -> str:
        return f"{self.name} ({self.latitude:.4f}, {self.longitude:.4f})"


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    description: str
    example: str


@dataclass(frozen=True, slots=True)
class Event:
    """One reported event with its resolved dates and canonical names."""

    event_id: str
    article_id: str
    line: int                        # physical line in events.csv
    quote: str
    date_text: str
    anchor_ref: str                  # "" = publication window, else an event_id
    anchor_earliest: date
    anchor_latest: date
    start: date
    end: date
    earliest: date
    latest: date
    granularity: str
    mod: str
    timex: str
    rule: str
    explanation: str
    date_source: DateSource
    override_reason: str
    actors: tuple[str, ...]
    sides: tuple[str, ...]
    towns: tuple[str, ...]
    event_type: str
    status: Status
    favours: Favours
    same_as: str
    summary: str
    override_source: str = ""        # URL or citation backing the override ("" = none given)

    def __post_init__(self) -> None:
        if self.end < self.start or self.latest < self.earliest:
            raise ValueError(f"event {self.event_id!r} interval ends before it starts")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.earliest}..{self.latest} {self.event_type} [{self.rule}]"


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything loaded from one data directory, validated and resolved."""

    articles: dict[str, Article]
    actors: dict[str, Actor]
    towns: dict[str, Town]
    event_types: dict[str, EventType]
    events: tuple[Event, ...]
    moments: dict[str, str] = field(default_factory=dict)   # event_id -> key-moment label

    @property
    def town_parents(self) -> dict[str, str]:
        return {name: town.parent for name, town in self.towns.items() if town.parent}

    @property
    def actor_parents(self) -> dict[str, str]:
        return {name: actor.parent for name, actor in self.actors.items() if actor.parent}

    def summary(self) -> str:
        return (f"{len(self.articles)} articles, {len(self.events)} events, "
                f"{len(self.actors)} actors, {len(self.towns)} towns")
