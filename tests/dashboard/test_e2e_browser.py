"""A real `streamlit run` driven through Debian's chromium with Playwright.

Checks: the page loads with no console errors and no request to any host but localhost;
choosing a town in the sidebar changes the metric, the chart and the URL; opening that
URL restores the view. Saves full-page screenshots to docs/ (the README's screenshot
is docs/screenshot.png).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.query.datasource import load_view_data
from components.query.filter import EventFilter
from components.query.run import filter_events

from tests.support.browser import (  # noqa: F401  (server, browser: fixtures)
    LOCAL_HOSTS, ROOT, VIEWPORT, browser, metric, server, wait_for_charts,
)

pytestmark = pytest.mark.browser

DOCS = ROOT / "docs"
EVENTS = load_view_data().frame
TOWN = "Albu Kamal"


class Recorder:
    """Console errors and every request host seen by one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", self._request)

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss"):
            self.hosts.add(url.hostname or "")


def open_page(browser, url: str):
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(60_000)          # generous: CI machines may be busy
    recorder = Recorder(page)
    page.goto(url)
    wait_for_charts(page)
    return page, recorder


CHARTS = 2      # the timeline and the open tab below it (presence by default)


def full_screenshot(page, name: str) -> None:
    """Streamlit scrolls inside its main container: grow the viewport to the content first."""
    height = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], "
                           "[data-testid=\"stSidebarContent\"]')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(1500)
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / name), full_page=True)
    page.set_viewport_size(VIEWPORT)


def timeline_subtitle(page) -> str:
    return page.locator(".js-plotly-plot").first.locator(".gtitle-subtitle, .g-gtitle").first.inner_text()


def test_page_loads_offline_without_console_errors(server, browser):
    page, rec = open_page(browser, server)
    assert metric(page) == len(EVENTS)
    assert page.locator(".js-plotly-plot").count() == CHARTS
    page.wait_for_timeout(1000)
    assert rec.errors == []
    assert rec.hosts <= LOCAL_HOSTS, rec.hosts
    full_screenshot(page, "screenshot.png")
    page.close()


def test_sidebar_filter_changes_chart_and_url_and_url_restores(server, browser):
    page, rec = open_page(browser, server)
    before = page.locator(".js-plotly-plot").first.inner_text()
    box = page.locator(".st-key-town")
    box.get_by_role("combobox").click()
    page.keyboard.type("Boukamal")             # an alias: the option is found by any spelling
    option = page.get_by_role("option").filter(has_text=re.compile(rf"^{TOWN} ·"))
    option.first.wait_for(timeout=30_000)
    option.first.click()
    page.keyboard.press("Escape")
    expected = len(filter_events(EVENTS, EventFilter(towns=(TOWN,))))
    page.wait_for_function(f"document.querySelector('[data-testid=\"stMetricValue\"]')"
                           f".innerText.trim() == '{expected}'", timeout=60_000)
    page.wait_for_url("**town=Albu+Kamal**", timeout=30_000)
    wait_for_charts(page)
    page.wait_for_function("(document.querySelector('.js-plotly-plot') || {}).textContent"
                           f"?.includes('Town: {TOWN}')", timeout=60_000)   # redrawn, not mid-swap
    after = page.locator(".js-plotly-plot").first.inner_text()
    assert after != before and f"Town: {TOWN}" in after
    shared = page.url
    full_screenshot(page, "screenshot_filtered.png")
    assert rec.errors == [] and rec.hosts <= LOCAL_HOSTS
    page.close()

    restored, rec2 = open_page(browser, shared)
    assert metric(restored) == expected
    assert TOWN in restored.locator(".st-key-town").inner_text()
    assert f"Town: {TOWN}" in restored.locator(".js-plotly-plot").first.inner_text()
    assert rec2.errors == [] and rec2.hosts <= LOCAL_HOSTS
    restored.close()


def test_hover_shows_plain_text_provenance(server, browser):
    page, rec = open_page(browser, f"{server}/?swimlane=side")
    point = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace .point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()      # the drag layer sits on top: move the mouse, don't "hover"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = page.locator(".hoverlayer .hovertext").first
    label.wait_for(timeout=30_000)
    text = label.text_content()
    assert "Quote:" in text and "Derivation:" in text and "Source:" in text
    page.screenshot(path=str(DOCS / "screenshot_hover.png"), full_page=False)
    page.close()


def test_bad_url_parameter_warns_in_page(server, browser):
    page, rec = open_page(browser, f"{server}/?town=Atlantis&start=2020-99-01")
    warnings = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("Atlantis" in w for w in warnings) and any("2020-99-01" in w for w in warnings)
    assert metric(page) == len(EVENTS)
    page.close()


def test_png_download_button_gives_a_scale_2_png(server, browser):
    page, rec = open_page(browser, f"{server}/?swimlane=side")
    page.get_by_role("tab", name="Russia vs Iran over time").click()
    page.get_by_role("button", name="Download balance PNG").wait_for(timeout=60_000)
    assert "panel=balance" in page.url
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download balance PNG").click()
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 2800          # 1400 px wide at scale 2
    assert rec.errors == [] and rec.hosts <= LOCAL_HOSTS
    page.close()


RAW_CODES = ("us_coalition", "syrian_government", "Us_Coalition", "Isis", "Sdf")


def test_first_screen_answers_who_gained_ground(server, browser):
    """1500x1000, no scrolling: the three metrics and a timeline with both camps' lanes."""
    page, rec = open_page(browser, server)
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert [label.strip() for label in labels[:3]] == ["Events shown", "Favour Russia", "Favour Iran"]
    for box in page.locator('[data-testid="stMetric"]').all()[:3]:
        rect = box.bounding_box()
        assert rect and rect["y"] + rect["height"] <= VIEWPORT["height"]
    timeline = page.locator(".js-plotly-plot").first
    for lane in ("Russian forces", "Iran-backed militias"):
        tick = timeline.locator(".ytick text", has_text=lane).first
        rect = tick.bounding_box()
        assert rect and 0 <= rect["y"] and rect["y"] + rect["height"] <= VIEWPORT["height"], lane
    page.screenshot(path=str(DOCS / "screenshot_first_screen.png"), full_page=False)
    text = page.evaluate("document.body.innerText + ' ' + [...document.querySelectorAll("
                         "'.js-plotly-plot')].map(p => p.textContent).join(' ')")
    for code in RAW_CODES:
        assert code not in text.replace("_", " ").split() and code not in text, code
    assert "US-led coalition" in text or "US-led" in text
    assert rec.errors == [] and rec.hosts <= LOCAL_HOSTS
    page.close()


def test_lazy_panels_open_in_the_browser(server, browser):
    """The article panel and the table tab are built only when opened: a click must bring
    them (a rerun), and the page holds neither before."""
    page, rec = open_page(browser, server)
    assert page.locator("textarea").count() == 0 and page.locator('[data-testid="stDataFrame"]').count() == 0
    page.get_by_text("Propose events from a new article").click()
    page.locator("textarea").first.wait_for(timeout=60_000)
    page.get_by_role("tab", name="Events and provenance").click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    page.wait_for_url("**panel=table**", timeout=30_000)
    assert not rec.errors
    page.close()
