"""The events command line as a user meets it (issue 16: <= 0.6 s on the bundled data).

    python benchmarks/cli_speed.py        # one JSON object

``events_validate_s`` and ``events_json_s``: wall seconds of ``python -m components.events
validate`` and ``python -m components.events --json`` on the bundled data, whole processes
with the bytecode cache a normal install has, median of 5; ``python_startup_s`` (``python -c
pass``) and ``pandas_import_s`` (``python -c "import pandas"``) in the same run are the floors
the commands stand on.
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.dates_speed import _wall  # noqa: E402
from benchmarks.installed import installed_env  # noqa: E402

COMMANDS = {
    "events_validate_s": ["-m", "components.events", "validate"],
    "events_json_s": ["-m", "components.events", "--json"],
    "python_startup_s": ["-c", "pass"],
    "pandas_import_s": ["-c", "import pandas"],
}


def measure(runs: int = 5) -> dict:
    env = installed_env()
    times: dict[str, list[float]] = {key: [] for key in COMMANDS}
    for key, args in COMMANDS.items():
        _wall([sys.executable, *args], env=env)          # writes the bytecode cache
    for _ in range(runs):                                # interleaved: load hits all alike
        for key, args in COMMANDS.items():
            times[key].append(_wall([sys.executable, *args], env=env))
    return {key: round(statistics.median(values), 3) for key, values in times.items()}


if __name__ == "__main__":
    print(json.dumps(measure()))
