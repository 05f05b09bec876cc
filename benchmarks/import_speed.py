"""The ACLED importer as a user runs it (issue 13: 200,000 rows in under 15 s).

    python benchmarks/import_speed.py [--rows 20000 200000] [--workdir DIR]   # one JSON list

Whole processes of ``python -m components.importers acled FILE --out DIR`` on the seeded
realistic Syria export of ``benchmarks/acled_realistic.py`` (made on first use), with the
bytecode cache a normal install has: wall seconds, rows/s and the import process's own peak
memory (``wait4``; ``RUSAGE_CHILDREN`` would give the largest child the caller ever ran).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.installed import installed_env  # noqa: E402


def measure(sizes: tuple[int, ...], workdir: Path) -> list[dict]:
    out = []
    for n in sizes:
        source = workdir / f"acled_realistic_{n}.csv"
        if not source.exists():
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "acled_realistic.py"), "--rows",
                            str(n), "--out", str(source)], check=True, capture_output=True)
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "components.importers", "acled", str(source),
                                 "--out", str(workdir / f"acled_import_{n}")], cwd=ROOT, env=installed_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        out.append({"rows": n, "wall_s": round(wall, 2), "rows_per_s": round(n / wall),
                    "peak_rss_mb": round(usage.ru_maxrss / 1024), "exit": os.waitstatus_to_exitcode(status)})
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--workdir", default="/tmp/dz-bench")
    args = parser.parse_args()
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    print(json.dumps(measure(tuple(args.rows), Path(args.workdir))))
