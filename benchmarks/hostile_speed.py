"""Issue 17's slow inputs, timed as the upload panel meets them (``benchmarks/run.py --json``
keys ``header_check_*`` and ``blank_lines_49mb_refuse_s``)."""
from __future__ import annotations

import csv
import time


def measure_hostile_inputs() -> dict:
    """Issue 17's quadratic/slow inputs as the upload panel meets them (``import_upload``,
    size check to refusal): the header check with 10k and 40k duplicated columns (linear:
    the 40k/10k ratio is about 4; ``header.count`` per column took 18-21 s at 40k) and a
    header followed by 49 MB of newlines (blank lines count against the row cap; 15 s before)."""
    from components.io.importers import ImportFileError, import_upload
    required = "event_id_cnty,event_date,time_precision,actor1,location,latitude,longitude"

    def refused_s(data: bytes) -> float:
        began = time.perf_counter()
        try:
            import_upload("bench.csv", data)
        except ImportFileError:
            pass
        return round(time.perf_counter() - began, 4)

    header = {n: refused_s((required + ",x" * n + "\n").encode()) for n in (10_000, 40_000)}
    # the named baseline: the old check (header.count per column) on 10k parsed names
    names = [name.strip().lower() for name in next(csv.reader([required + ",x" * 10_000]))]
    began = time.perf_counter()
    [name for name in names if names.count(name) > 1]
    quadratic = round(time.perf_counter() - began, 4)
    newlines = refused_s((required + "\n").encode() + b"\n" * 49_000_000)
    return {"header_check_10k_cols_s": header[10_000], "header_check_40k_cols_s": header[40_000],
            "header_check_ratio_40k_vs_10k": round(header[40_000] / max(header[10_000], 1e-6), 2),
            "header_check_quadratic_baseline_10k_cols_s": quadratic,
            "blank_lines_49mb_refuse_s": newlines}
