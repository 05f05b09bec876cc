"""Run the product the way an installed copy runs: with its bytecode cache.

A user's second launch of ``streamlit run dashboard/app.py`` (or of a command) finds every
module already compiled in ``__pycache__``: Python wrote it on the first import, as ``pip
install`` does for an installed package.  A sandbox or CI job may set
``PYTHONDONTWRITEBYTECODE``; then every process would compile ~80 of the project's modules
from source again (~0.1 s per process, measured), a cost no user pays.  So the benchmarks
compile the project once (:func:`compile_project`) and start their processes with
:func:`installed_env`.
"""
from __future__ import annotations

import compileall
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("components", "dashboard", "benchmarks")


def installed_env(*, drop: tuple[str, ...] = ("DZ_DATA",)) -> dict[str, str]:
    """This process's environment for a child run as installed: bytecode written and read,
    the project importable, and ``drop`` (by default the data override) removed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE" and k not in drop}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def compile_project() -> None:
    """Write the project's bytecode cache, as a first run (or ``pip install``) does."""
    for package in PACKAGES:
        compileall.compile_dir(str(ROOT / package), quiet=1, workers=1)
