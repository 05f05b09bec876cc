"""Writing a small, valid curated data directory for loader tests, and mutating it."""
from __future__ import annotations
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from components.dates.model import DateResult, Granularity
from components.events import DateSource, EventDataError, load_dataset

ARTICLE_TEXT = """Russian forces deployed a convoy to Deir Ezzor on Saturday.
Fighters of Liwa Fatemiyoun   clashed with them last week.
A third convoy entered in less than 24 hours. Russia intervened in 2015.
\u201cQuoted\u201d text from an unnamed source.
"""

# file -> physical lines (header = line 1); the tests mutate them by line number.
VALID_FILES: dict[str, list[str]] = {
    "articles.csv": [
        "article_id,file,title,outlet,relays,url,published_earliest,published_latest,published_evidence",
        "a1,a1.txt,A title,An Outlet,Relay A;Relay B,https://example.org/a1,2020-07-05,2020-07-08,URL path",
    ],
    "actors.csv": [
        "actor,side,parent,aliases,colour",
        "Russia,russia,,Russian army;Russian forces,#d62728",
        "IRGC,iran,,Islamic Revolutionary Guard Corps,#2ca02c",
        "Liwa Fatemiyoun,iran,IRGC,Fatemiyoun;Fatemiyoun Brigade,#98df8a",
    ],
    "towns.csv": [
        "town,aliases,admin_area,latitude,longitude,location_precision",
        "Deir ez-Zor,Deir Ezzor;Deir al-Zour,Deir ez-Zor,35.336,40.140,town",
        "Albu Kamal,Abu Kamal;Boukamal,Deir ez-Zor,34.452,40.918,near_town",
    ],
    "event_types.csv": [
        "event_type,description,example",
        "deployment,Forces move into an area,A convoy arrives",
        "clash,Armed clash,Fighting between militias",
        "statement,A claim or statement,A spokesman says",
    ],
    "events.csv": [
        "event_id,article_id,quote,date_text,anchor,actors,towns,event_type,status,favours,same_as,"
        "summary,date_override_earliest,date_override_latest,override_reason",
        'e1,a1,"Russian forces deployed a convoy to Deir Ezzor on Saturday.",on Saturday,,Russian forces,'
        "Deir Ezzor,deployment,reported,russia,,Convoy,,,",
        'e2,a1,"Fighters of Liwa Fatemiyoun clashed with them last week.",last week,,Fatemiyoun;russian ARMY;IRGC,'
        ",clash,reported,iran,,Clash,,,",
        'e3,a1,"A third convoy entered in less than 24 hours.",in less than 24 hours,e1,Russia,'
        "Deir ez-Zor;Abu Kamal,deployment,claimed,russia,,Third convoy,,,",
        'e4,a1,"Russia intervened in 2015.",2015,,Russia,,deployment,background,russia,,Intervention,'
        "2015-09-30,2015-09-30,Known start date",
        'e5,a1,"\u201cQuoted\u201d text",,,,,statement,claimed,unclear,e1,Quoted,,,',
    ],
}
ARTICLE_FILES = {"a1.txt": ARTICLE_TEXT}
SATURDAY = date(2020, 7, 4)


def fake_normalize(text: str, anchor, context: str = "", *, direction=None) -> DateResult:
    """Four phrases, computed from the anchor; anything else is unresolved."""
    first, last = anchor
    spans = {
        "on Saturday": (SATURDAY, SATURDAY, Granularity.DAY),
        "last week": (first - timedelta(days=7), last - timedelta(days=7), Granularity.WEEK),
        "2015": (date(2015, 1, 1), date(2015, 12, 31), Granularity.YEAR),
    }
    if direction == "future":
        spans["in less than 24 hours"] = (first, last + timedelta(days=1), Granularity.SPAN)
    if text not in spans:
        return DateResult(text=text, anchor=f"{first}/{last}", resolved=False, error=f"no rule for '{text}'")
    lo, hi, grain = spans[text]
    return DateResult(text=text, anchor=f"{first}/{last}", resolved=True, start=lo, end=hi,
                      granularity=grain, earliest=lo, latest=hi,
                      rule="fake", explanation=f"'{text}' → fake → {lo}..{hi}")


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (exactly once) by ``new`` on one physical line (1-based) of a file."""

    file: str
    line: int
    old: str
    new: str | bytes


@dataclass(frozen=True)
class Append:
    file: str
    text: str


@dataclass(frozen=True)
class Delete:
    file: str


def write_dataset(root: Path, mutations=()) -> Path:
    files = {name: [line.encode() for line in lines] for name, lines in VALID_FILES.items()}
    files.update({f"articles/{n}": [t.encode()] for n, t in ARTICLE_FILES.items()})
    for m in mutations:
        if isinstance(m, Edit):
            line = files[m.file][m.line - 1]
            old = m.old.encode()
            assert line.count(old) == 1, f"{m} is ambiguous or absent in {line!r}"
            new = m.new if isinstance(m.new, bytes) else m.new.encode()
            files[m.file][m.line - 1] = line.replace(old, new)
        elif isinstance(m, Append):
            files[m.file].append(m.text.encode())
        else:
            del files[m.file]
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (root / name).write_bytes(b"\n".join(lines) + (b"\n" if name.endswith(".csv") else b""))
    return root
