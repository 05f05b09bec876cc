"""Benchmarks of the query path, the store and the app, printed as one JSON object.

    python benchmarks/run.py --json            # full run: 10^4..10^7, app on bundled/1M/10M
    python benchmarks/run.py --json --quick    # seconds: small sets, same keys (for tests)

Every number is measured in this run: the product's filter (``EventFilter.apply`` on the
opened frame: Ibis -> DuckDB), the same selection as a plain pandas boolean mask and as
the fastest hand-written numpy (rows sorted by earliest + searchsorted + bitmasks); all
three counts must agree.  Medians of >= 7 runs, ``time.perf_counter``; each size runs in
its own process so its peak RSS (``resource.getrusage``) is its own.  The synthetic sets
come from ``benchmarks/synth.py`` (seeded) and are cached in ``--workdir``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from benchmarks.installed import compile_project, installed_env  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
RUNS = 7
FULL_SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
QUICK_SIZES = (2_000, 20_000)
# The typical filter: two actors, one town, six months, overlap mode.
TYPICAL = dict(actors=("Russian forces", "IRGC"), towns=("Albu Kamal",),
               start=date(2020, 1, 1), end=date(2020, 6, 30), date_mode="overlap")
APP_RERUN_TOWN = "Deir ez-Zor"
APP_MIN_FREE_GB_PER_10M = 14       # the 10M app run is skipped below this much free memory
SCALING_KEYS = ("events", "load_s", "load_cpu_s", "median_ms", "count", "pandas_ms", "floor_ms",
                "counts_agree", "aggregate_ms", "timeline_marks", "peak_rss_mb", "error")
MAX_CHILD_SHARE = 0.7              # a child above 70 % of the machine's memory is stopped


def _median_ms(fn, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return round(statistics.median(times) * 1000, 2), result


def _cpu_s() -> float:
    """CPU seconds of this process, all threads (the machine may be shared: wall time lies)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def pandas_mask(frame, flt):
    """The selection as a plain pandas boolean mask (lists checked row by row)."""
    import pandas as pd
    actors, towns = set(flt.actors), set(flt.towns)
    mask = (frame["earliest"] <= pd.Timestamp(flt.end)) & (frame["latest"] >= pd.Timestamp(flt.start))
    mask &= frame["actors"].map(lambda names: not actors.isdisjoint(names))
    mask &= frame["towns"].map(lambda names: not towns.isdisjoint(names))
    return frame[mask]


def numpy_floor(frame, flt):
    """Prepare the fastest hand-written selection; returns the timed closure."""
    days = frame["earliest"].to_numpy("datetime64[D]").astype(np.int64)
    order = np.argsort(days, kind="stable")
    earliest = days[order]
    latest = frame["latest"].to_numpy("datetime64[D]").astype(np.int64)[order]

    def bitmask(column: str, wanted: tuple[str, ...]) -> tuple[np.ndarray, np.uint64]:
        exploded = frame[column].explode()
        codes, names = exploded.factorize()
        if len(names) > 63:
            raise ValueError(f"numpy floor: more than 63 distinct {column}")
        bits = np.where(codes >= 0, np.left_shift(np.uint64(1), codes.clip(0).astype(np.uint64)), 0)
        masks = np.zeros(len(frame), dtype=np.uint64)
        np.bitwise_or.at(masks, exploded.index.to_numpy(), bits.astype(np.uint64))
        want = np.uint64(sum(1 << names.get_loc(n) for n in wanted if n in names))
        return masks[order], want

    actors, want_actors = bitmask("actors", flt.actors)
    towns, want_towns = bitmask("towns", flt.towns)
    start = np.datetime64(flt.start, "D").astype(np.int64)
    end = np.datetime64(flt.end, "D").astype(np.int64)

    def select() -> np.ndarray:
        stop = np.searchsorted(earliest, end, side="right")        # earliest <= end
        keep = latest[:stop] >= start
        keep &= (actors[:stop] & want_actors) != 0
        keep &= (towns[:stop] & want_towns) != 0
        return order[:stop][keep]
    return select


def figure_marks(fig) -> int:
    """Data marks a Plotly figure ships: points/bars per trace, cells for heatmaps."""
    total = 0
    for trace in fig.data:
        if trace.type == "heatmap" and trace.z is not None:
            total += int(np.count_nonzero(~np.isnan(np.asarray(trace.z, dtype=float))))
        elif getattr(trace, "x", None) is not None:
            total += len(trace.x)
    return total


def measure_size(path: str, runs: int) -> dict:
    """Child process: open one synthetic set and time the query path against baselines."""
    from components.io.store import use_system_allocator
    from components.query.engine import open_events
    from components.query.filter import EventFilter
    from components.query.run import balance_table, count_events, filter_events
    use_system_allocator()
    began, cpu = time.perf_counter(), _cpu_s()
    frame = open_events(path)
    load_s, load_cpu_s = time.perf_counter() - began, _cpu_s() - cpu
    flt = EventFilter(**TYPICAL)
    began = time.perf_counter()
    first = filter_events(frame, flt)
    first_ms = (time.perf_counter() - began) * 1000
    product_ms, shown = _median_ms(lambda: filter_events(frame, flt), runs)
    count_ms, counted = _median_ms(lambda: count_events(frame, flt), runs)
    pandas_ms, by_pandas = _median_ms(lambda: pandas_mask(frame, flt), runs)
    select = numpy_floor(frame, flt)
    floor_ms, by_numpy = _median_ms(select, runs)
    ids = sorted(shown["event_id"])
    agree = (len(first) == len(shown) == counted == len(by_pandas) == len(by_numpy)
             and ids == sorted(by_pandas["event_id"])
             and ids == sorted(frame["event_id"].to_numpy()[by_numpy]))
    aggregate_ms, table = _median_ms(lambda: balance_table(frame, EventFilter(), period="month"), runs)
    result = {"events": len(frame), "load_s": round(load_s, 3), "load_cpu_s": round(load_cpu_s, 3),
              "median_ms": product_ms,
              "first_ms": round(first_ms, 2), "count": len(shown), "count_ms": count_ms,
              "pandas_ms": pandas_ms, "floor_ms": floor_ms, "counts_agree": bool(agree),
              "aggregate_ms": aggregate_ms, "aggregate_rows": len(table),
              "aggregate_weight": round(float(table["weight"].sum()), 3)}
    try:
        from components.views.figures.timeline import timeline_figure
        began = time.perf_counter()
        fig = timeline_figure(frame)
        result["timeline_figure_s"] = round(time.perf_counter() - began, 3)
        result["timeline_marks"] = figure_marks(fig)
    except ImportError as err:
        result["timeline_marks"] = None
        result["timeline_error"] = str(err)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _start_server_side(app) -> None:
    """What ``streamlit run`` does once at server start-up, before any page is rendered:
    skip the bare-mode hint (below) and scan the installed packages for components (~0.7 s here, with the dev requirements
    installed). AppTest would do it inside its first ``run()``; doing it first keeps the
    first render to what a user waits for after opening the page. Skipped quietly on a
    Streamlit without that step."""
    # Outside ``streamlit run`` (no runtime) the first element checks once whether it runs
    # in a REPL, walking the call stack with source look-ups (~40 ms here), to print a
    # "use streamlit run" hint: a served page never does that.
    import streamlit.delta_generator as delta_generator
    if hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True
    try:
        from streamlit.components.v2.component_manager import BidiComponentManager
    except ImportError:
        return
    if getattr(app, "_bidi_component_manager", "absent") is None:
        manager = BidiComponentManager()
        manager.discover_and_register_components(start_file_watching=False)
        app._bidi_component_manager = manager


def measure_app(data: str | None) -> dict:
    """Child process: AppTest first render, then (once the background engine warm-up is
    done, as a reader would wait) a rerun after a filter change."""
    from streamlit.testing.v1 import AppTest
    if data:
        os.environ["DZ_DATA"] = data
    else:
        os.environ.pop("DZ_DATA", None)
    app = AppTest.from_file(str(APP), default_timeout=900)
    _start_server_side(app)
    began = time.perf_counter()
    app.run()
    first = time.perf_counter() - began
    if app.exception:
        return {"error": f"first render raised: {app.exception[0].message}"}
    # A reader looks at the page before filtering; meanwhile the app warms its query engine
    # in the background (dashboard/app.py: engine_warm_up).  Wait for that, and say how long.
    import threading
    began = time.perf_counter()
    for thread in [t for t in threading.enumerate() if t.name == "engine-warm-up"]:
        thread.join()
    warm_up = time.perf_counter() - began
    town = APP_RERUN_TOWN
    began = time.perf_counter()
    app.multiselect(key="town").set_value([town]).run()
    rerun = time.perf_counter() - began
    if app.exception:
        return {"error": f"rerun raised: {app.exception[0].message}"}
    return {"first_render_s": round(first, 3), "rerun_s": round(rerun, 3), "warm_up_wait_s": round(warm_up, 3),
            "shown": app.metric[0].value if app.metric else None, "peak_rss_mb": _peak_rss_mb()}


def _child(args: list[str], timeout: int = 3600) -> dict:
    """Run this script in a child process; a watchdog kills it above ``MAX_CHILD_SHARE`` of
    the machine's memory (the machine is shared: never let a benchmark invite the OOM killer)."""
    limit_kb = _meminfo_kb("MemTotal") * MAX_CHILD_SHARE
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], cwd=ROOT, env=installed_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_kb, killed = 0, False
    deadline = time.perf_counter() + timeout
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as fh:
                rss = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:"))
        except (OSError, StopIteration):
            rss = 0
        peak_kb = max(peak_kb, rss)
        if rss > limit_kb or time.perf_counter() > deadline:
            proc.kill()
            killed = True
            break
        time.sleep(0.2)
    out, err = proc.communicate()
    if killed:
        return {"error": f"stopped by the benchmark's watchdog at {peak_kb / 1024 ** 2:.1f} GB RSS "
                         f"(limit {limit_kb / 1024 ** 2:.1f} GB) or after {timeout} s"}
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        problems = [ln for ln in err.splitlines() if "Error" in ln or "error" in ln] or err.splitlines()
        return {"error": f"exit {proc.returncode}: " + (problems or ["no output"])[-1][:300]}
    return json.loads(lines[-1])


def _meminfo_kb(field: str) -> int:
    with open("/proc/meminfo") as fh:
        return next(int(ln.split()[1]) for ln in fh if ln.startswith(field + ":"))


def _ensure_set(n: int, workdir: Path, seed: int = 1) -> Path:
    path = workdir / f"synth_{n}_seed{seed}.parquet"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--n", str(n),
                        "--out", str(path), "--seed", str(seed)], check=True, cwd=ROOT,
                       capture_output=True, timeout=3600)
    return path


def _free_gb() -> float:
    return _meminfo_kb("MemAvailable") / 1024 ** 2


def _versions() -> dict:
    import duckdb
    import ibis
    import pandas
    import streamlit
    return {"python": platform.python_version(), "duckdb": duckdb.__version__,
            "ibis": ibis.__version__, "pandas": pandas.__version__,
            "streamlit": streamlit.__version__, "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def measure_dates_speed(quick: bool, workdir: Path) -> dict:
    """The date command line as a user meets it (``benchmarks/dates_speed.py``): start-up of
    ``normalize`` and whole-process ``batch`` against dateparser's cached-parser loop."""
    from benchmarks.dates_speed import measure
    try:
        return measure(2_000 if quick else 10_000, workdir)
    except (RuntimeError, OSError, ImportError) as err:   # e.g. dateparser not installed
        return {"error": str(err)[:300]}


def run(quick: bool, workdir: Path, app: bool, big_app: bool) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    compile_project()          # every child starts as a user's second launch does (benchmarks/installed.py)
    sizes = QUICK_SIZES if quick else FULL_SIZES
    main_n = sizes[-1] if quick else 1_000_000
    report: dict = {"mode": "quick" if quick else "full", "machine": _versions(), "notes": {}}
    scaling = []
    for n in sizes:
        result = _child(["--child-size", str(_ensure_set(n, workdir)), "--runs", str(RUNS)])
        result.setdefault("events", n)
        scaling.append(result)
    main = next(r for r in scaling if r.get("events") == main_n)
    report["filter_1m"] = {k: main.get(k) for k in ("events", "median_ms", "first_ms", "count",
                                                    "count_ms", "pandas_ms", "floor_ms",
                                                    "counts_agree")}
    report["aggregate_1m"] = {"events": main.get("events"), "median_ms": main.get("aggregate_ms"),
                              "rows": main.get("aggregate_rows")}
    report["timeline_marks_1m"] = main.get("timeline_marks")
    report["load_1m_s"] = main.get("load_s")
    report["load_1m_cpu_s"] = main.get("load_cpu_s")
    report["peak_rss_mb"] = main.get("peak_rss_mb")
    report["peak_rss_largest_mb"] = {"events": scaling[-1].get("events"),
                                     "mb": scaling[-1].get("peak_rss_mb")}
    report["scaling"] = [{k: r.get(k) for k in SCALING_KEYS if k in r} for r in scaling]
    from benchmarks.dates_speed import measure_text_speed
    report["text_speed"] = measure_text_speed(10_000 if quick else 100_000)
    from benchmarks.hostile_speed import measure_hostile_inputs
    report.update(measure_hostile_inputs())
    report["find_100k_worst_s"] = report["text_speed"]["find_100k_worst_s"]
    report["dates_speed"] = measure_dates_speed(quick, workdir)
    report["dates_cli_startup_s"] = report["dates_speed"].get("dates_cli_startup_s")
    report["dates_batch_vs_dateparser"] = report["dates_speed"].get("dates_batch_vs_dateparser")
    from benchmarks.cli_speed import measure as measure_events_cli
    report["events_cli"] = measure_events_cli(3 if quick else 5)
    report["events_validate_s"] = report["events_cli"]["events_validate_s"]
    report["events_json_s"] = report["events_cli"]["events_json_s"]
    from benchmarks.import_speed import measure as measure_import
    report["import_acled"] = measure_import((2_000,) if quick else (20_000, 200_000), workdir)
    app_keys = {"app_first_render_s": None, "app_rerun_s": None, "app_first_render_1m_s": None,
                "app_rerun_1m_s": None, "app_rerun_10m_s": None,
                "page_first_chart_warm_ratio": None, "page_first_chart_cold_ratio": None}
    report.update(app_keys)
    if not app:
        report["notes"]["app"] = "skipped (--no-app)"
        return report
    if not APP.exists():
        report["notes"]["app"] = f"{APP} does not exist yet"
        return report
    # The browser page first: the AppTest children below hold up to ~14 GB (10M events) and
    # leave the OS file cache evicted, which a page measured after them would pay for.
    page = _child(["--child-page", "quick" if quick else "full"])
    if "error" in page:
        report["notes"]["page"] = page["error"]
    else:
        report.update(page)
    runs = [("", None), ("_1m", str(_ensure_set(main_n, workdir)))]
    if big_app and not quick:
        if _free_gb() >= APP_MIN_FREE_GB_PER_10M:
            runs.append(("_10m", str(_ensure_set(10_000_000, workdir))))
        else:
            report["notes"]["app_10m"] = (f"skipped: {_free_gb():.1f} GB free, "
                                          f"{APP_MIN_FREE_GB_PER_10M} GB wanted")
    for suffix, data in runs:
        result = _child(["--child-app", data or "-"])
        if "error" in result:
            report["notes"][f"app{suffix}"] = result["error"]
            continue
        if suffix != "_10m":
            report[f"app_first_render{suffix}_s"] = result["first_render_s"]
        else:
            report["app_first_render_10m_s"] = result["first_render_s"]
            report["app_peak_rss_10m_mb"] = result["peak_rss_mb"]
        report[f"app_rerun{suffix}_s"] = result["rerun_s"]
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object (default)")
    parser.add_argument("--quick", action="store_true", help="small sets only (seconds)")
    parser.add_argument("--no-app", action="store_true", help="skip the AppTest timings")
    parser.add_argument("--no-10m-app", action="store_true", help="skip the 10M app rerun")
    parser.add_argument("--workdir", default="/tmp/dz-bench", help="where synthetic sets are cached")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--child-size", help=argparse.SUPPRESS)
    parser.add_argument("--child-app", help=argparse.SUPPRESS)
    parser.add_argument("--child-page", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_size:
        print(json.dumps(measure_size(args.child_size, max(args.runs, RUNS))))
        return 0
    if args.child_app:
        print(json.dumps(measure_app(None if args.child_app == "-" else args.child_app)))
        return 0
    if args.child_page:
        from benchmarks.page import measure as measure_page
        quick_page = args.child_page == "quick"
        print(json.dumps(measure_page(warm_runs=2 if quick_page else 5, cold_runs=1 if quick_page else 2,
                                      filter_runs=1 if quick_page else 5)))
        return 0
    report = run(args.quick, Path(args.workdir), app=not args.no_app, big_app=not args.no_10m_app)
    print(json.dumps(report, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
