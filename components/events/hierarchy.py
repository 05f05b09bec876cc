"""Places inside places, groups under groups: the ``parent`` columns of towns.csv and actors.csv.

An analyst who picks "Albu Kamal" means the town and its countryside and desert; one who
picks "IRGC" means the Quds Force and the militias it runs too.  Every event therefore
carries, besides the names it lists, their *scope*: those names and every ancestor of
each.  A filter on a name then matches the events whose scope holds it — a place or
actor selects itself and everything under it — with one ``contains`` test, and "exactly
this name" tests the plain list instead.

>>> parents = {"Albu Kamal desert": "Albu Kamal", "Albu Kamal": "Abu Kamal district"}
>>> scope(["Albu Kamal desert"], parents)
['Albu Kamal desert', 'Albu Kamal', 'Abu Kamal district']
>>> descendants("Albu Kamal", parents)
['Albu Kamal', 'Albu Kamal desert']
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping


def ancestors(name: str, parents: Mapping[str, str]) -> list[str]:
    """``name``'s parent, grandparent, ... (a cycle or a missing parent ends the chain)."""
    chain: list[str] = []
    current = parents.get(name, "")
    while current and current != name and current not in chain:
        chain.append(current)
        current = parents.get(current, "")
    return chain


def scope(names: Iterable[str], parents: Mapping[str, str]) -> list[str]:
    """The names and all their ancestors, first-seen order, no repeats."""
    out: dict[str, None] = {}
    for name in names:
        out[name] = None
        out.update(dict.fromkeys(ancestors(name, parents)))
    return list(out)


def descendants(name: str, parents: Mapping[str, str]) -> list[str]:
    """``name`` and every name whose ancestors include it, sorted after ``name``."""
    inside = sorted(child for child in parents if name in ancestors(child, parents))
    return [name, *inside]
