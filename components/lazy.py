"""A module imported on first attribute access: heavy engines (Ibis, ~0.25 s to import)
load only when a query needs them, so a page or command that never filters never pays.

>>> ibis = lazy_module("ibis")      # nothing imported yet
>>> ibis.literal(1)                 # imports ibis now
"""
from __future__ import annotations

import importlib
from types import ModuleType


class _LazyModule:
    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)

    def __repr__(self) -> str:
        state = "loaded" if self._module is not None else "not loaded yet"
        return f"<lazy module {self._name!r} ({state})>"


def lazy_module(name: str):
    """A stand-in for ``import name`` that imports on first use."""
    return _LazyModule(name)
