"""Name registries: canonical actor/town names and their aliases, case-insensitively.

>>> reg = NameRegistry("town")
>>> reg.add("Albu Kamal", ("Boukamal", "Abu Kamal"), "towns.csv", 2, Problems())
>>> reg.resolve("abu  kamal")
'Albu Kamal'
>>> reg.suggest("Abu Kamel")
'Abu Kamal'
"""
from __future__ import annotations

import difflib

from components.text import name_suspicion

from .records import Problems
from .validate import clip


def name_key(name: str) -> str:
    """Comparison key: case-folded, inner whitespace collapsed."""
    return " ".join(name.split()).casefold()


class NameRegistry:
    """Maps every canonical name and alias of one kind ("actor", "town") to its canonical name."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._canonical: dict[str, str] = {}        # key -> canonical name
        self._spelling: dict[str, str] = {}         # key -> name as written
        self._line: dict[str, int] = {}             # key -> line that defined it

    def add(self, canonical: str, aliases: tuple[str, ...], file: str, line: int,
            problems: Problems) -> None:
        """Register ``canonical`` and its aliases; a name already taken by another is a problem."""
        for name, column in [(canonical, self.kind), *((a, "aliases") for a in aliases)]:
            key = name_key(name)
            owner = self._canonical.get(key)
            if owner is None:
                self._canonical[key], self._spelling[key], self._line[key] = canonical, name, line
            elif owner != canonical:
                problems.add(file, line, column, name,
                             f"alias collision: '{name}' of {self.kind} '{canonical}' already names "
                             f"{self.kind} '{owner}' (line {self._line[key]})")

    def resolve(self, name: str) -> str | None:
        """The canonical name for ``name`` (canonical or alias, any case), or None."""
        return self._canonical.get(name_key(name))

    def suggest(self, name: str) -> str | None:
        """The closest known spelling of ``name``, for "did you mean" messages."""
        close = difflib.get_close_matches(name_key(name), list(self._spelling), n=1, cutoff=0.6)
        return self._spelling[close[0]] if close else None

    def unknown_message(self, name: str) -> str:
        hint = self.suggest(name)
        tip = f" (did you mean '{hint}'?)" if hint else ""
        suspicion = name_suspicion(name)
        return f"unknown {self.kind} '{clip(name)}'{tip}" + (f"; the name {suspicion}" if suspicion else "")

    def __contains__(self, name: str) -> bool:
        return self.resolve(name) is not None

    def __len__(self) -> int:
        return len(set(self._canonical.values()))
