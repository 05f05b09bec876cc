"""Page -> first chart, as a user meets it: ``streamlit run`` + Debian chromium (Playwright).

The dashboard and a one-chart Streamlit page (``benchmarks/one_chart_app.py``) are served
the same way and measured in the same run, interleaved, so the machine's load hits both:

* **cold**: a fresh server process and a fresh browser profile: its first page view
  (imports, server caches and the browser's HTTP cache empty);
* **warm**: later page views of the same server in new tabs of one browser profile (server
  caches filled, Streamlit's and Plotly's JavaScript in the browser cache: a user's reload).

The time is from ``page.goto`` to the first Plotly chart drawn (``.js-plotly-plot
.main-svg`` in the DOM); the ratios are the dashboard's median over the baseline's.  ``page_filter_to_metric_s``: a
town picked in the sidebar -> the "Events shown" metric updated, median of 5, timed in the
page from the click to the frame that draws the new count (``..._driver_s``: from
Playwright's click call, its own overhead included), after the page has been open
``READ_S`` seconds, as a reader's would.

    python benchmarks/page.py            # prints one JSON object
"""
from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from benchmarks.installed import compile_project, installed_env  # noqa: E402

APPS = {"dashboard": ROOT / "dashboard" / "app.py", "one_chart": ROOT / "benchmarks" / "one_chart_app.py"}
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST_CHART = ".js-plotly-plot .main-svg"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One ``streamlit run`` of an app, headless, on a free port."""

    def __init__(self, app: Path):
        self.port = _port()
        env = installed_env()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
             "--server.port", str(self.port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://localhost:{self.port}/"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{app} did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def first_chart_s(browser, url: str) -> float:
    """``browser`` is a Browser (a fresh profile per page) or a BrowserContext (shared cache)."""
    page = (browser.new_page(viewport={"width": 1500, "height": 1000}) if hasattr(browser, "contexts")
            else browser.new_page())
    try:
        began = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(FIRST_CHART, state="attached", timeout=120_000)
        return time.perf_counter() - began
    finally:
        page.close()


FILTER_TOWN = "Hajin"     # one bundled event: the metric's value surely changes
METRIC = '[data-testid="stMetricValue"]'
READ_S = 3.0              # a user looks at the page before filtering (the engine warms up meanwhile)


# In the page: the time of the next click, and of the first frame after the metric's text
# changed from ``before`` (a MutationObserver sees the change, requestAnimationFrame the frame).
_WATCH_METRIC = """([selector, before]) => {
  document.addEventListener('click', e => { window.__dzClicked = e.timeStamp; }, {capture: true, once: true});
  const root = document.querySelector('section.main, .stMain') || document.body;
  const seen = new MutationObserver(() => {
    const metric = document.querySelector(selector);
    if (metric && metric.innerText.trim() !== before) {
      seen.disconnect();
      requestAnimationFrame(() => { window.__dzMetricDrawn = performance.now(); });
    }
  });
  seen.observe(root, {subtree: true, childList: true, characterData: true});
}"""


def filter_to_metric_s(profile, url: str) -> tuple[float, float]:
    """A filter change as a user makes it: pick a town in the sidebar, wait for the
    "Events shown" metric to show the new count.

    Returns (from the click, from the driver's call): the first is timed inside the page,
    from the option's ``click`` event to the frame that draws the new count (the page's own
    clock); the second from the moment Playwright is asked to click, which adds its
    scrolling, stability and hit-target checks and the round trips to the browser (~50 ms
    here) -- work no user's click waits for."""
    page = profile.new_page()
    try:
        page.goto(url)
        page.wait_for_selector(FIRST_CHART, state="attached", timeout=120_000)
        page.wait_for_timeout(READ_S * 1000)
        before = page.locator(METRIC).first.inner_text().strip()
        page.locator(".st-key-town").get_by_role("combobox").click()
        page.keyboard.type(FILTER_TOWN)
        option = page.get_by_role("option").filter(has_text=FILTER_TOWN).first
        option.wait_for(timeout=30_000)
        page.evaluate(_WATCH_METRIC, [METRIC, before])
        began = time.perf_counter()
        option.click()
        page.wait_for_function("window.__dzMetricDrawn !== undefined", timeout=60_000)
        driver = time.perf_counter() - began
        clicked, drawn = page.evaluate("[window.__dzClicked, window.__dzMetricDrawn]")
        return (drawn - clicked) / 1000, driver
    finally:
        page.close()


def measure(warm_runs: int = 5, cold_runs: int = 2, filter_runs: int = 5) -> dict:
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} not installed"}
    compile_project()                                  # a user's second launch, not the very first
    cold = {name: [] for name in APPS}
    warm = {name: [] for name in APPS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(cold_runs):                 # cold: a new server each time
                for name, app in APPS.items():
                    server = Server(app)
                    try:
                        cold[name].append(first_chart_s(browser, server.url))
                    finally:
                        server.stop()
            servers = {name: Server(app) for name, app in APPS.items()}
            profile = browser.new_context(viewport={"width": 1500, "height": 1000})
            try:
                for name, server in servers.items():   # fill the caches once
                    first_chart_s(profile, server.url)
                for _ in range(warm_runs):             # interleaved
                    for name, server in servers.items():
                        warm[name].append(first_chart_s(profile, server.url))
                filters = [filter_to_metric_s(profile, servers["dashboard"].url) for _ in range(filter_runs)]
            finally:
                profile.close()
                for server in servers.values():
                    server.stop()
        finally:
            browser.close()
    med = {kind: {name: statistics.median(v) for name, v in runs.items()}
           for kind, runs in (("cold", cold), ("warm", warm))}
    return {
        "page_first_chart_warm_s": round(med["warm"]["dashboard"], 3),
        "page_first_chart_cold_s": round(med["cold"]["dashboard"], 3),
        "one_chart_page_warm_s": round(med["warm"]["one_chart"], 3),
        "one_chart_page_cold_s": round(med["cold"]["one_chart"], 3),
        "page_first_chart_warm_ratio": round(med["warm"]["dashboard"] / med["warm"]["one_chart"], 2),
        "page_first_chart_cold_ratio": round(med["cold"]["dashboard"] / med["cold"]["one_chart"], 2),
        "page_filter_to_metric_s": round(statistics.median(f[0] for f in filters), 3),
        "page_filter_to_metric_driver_s": round(statistics.median(f[1] for f in filters), 3),
        "page_runs": {"warm": warm_runs, "cold": cold_runs},
    }


if __name__ == "__main__":
    print(json.dumps(measure()))
