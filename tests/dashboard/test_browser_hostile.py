"""Hostile input in a real browser (Debian chromium through Playwright): what the DOM holds.

* Text from data never becomes a link: URL values, upload names and outlet names with
  ``https://``, ``www.`` and ``x@host`` are shown in warnings, errors and captions, and the
  page has no ``<a>`` pointing at them (GFM autolinks are what Markdown escapes miss).
* Plotly markup from data (``<a href>``, ``<b>``, ``<span style>``) in an uploaded file's
  names is shown as text: no SVG link, no extra tspan styling in the charts.
* A refused upload keeps the previous good import (the README's promise).
"""
from __future__ import annotations

import csv
import io
import pytest

from tests.support.hostile import cases
from tests.support.browser import ROOT, VIEWPORT, browser, metric, server, wait_for_charts  # noqa: F401

pytestmark = pytest.mark.browser
SAMPLE = ROOT / "data" / "samples" / "acled_sample_synthetic.csv"
PNG = ROOT / "tests" / "fixtures" / "bad" / "upload" / "image.png"
EVIL = "evil.example"
LINK_PAYLOAD = '<a href="https://evil.example/x">click</a><b>bold</b><span style="font-size:80px">big</span>'


def hostile_sample() -> bytes:
    """The ACLED sample with Plotly/Markdown payloads in actor, type, location and source."""
    rows = list(csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    for i, row in enumerate(rows):
        row["actor1"] = f"{LINK_PAYLOAD} {i % 2}"
        row["sub_event_type"] = LINK_PAYLOAD
        row["source"] = "https://evil.example/login www.evil.example x@evil.example"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def evil_links(page) -> list[str]:
    """hrefs of HTML and SVG links in the page that point at the payloads' host."""
    return page.evaluate(
        "[...document.querySelectorAll('a')].map(a => a.href && a.href.baseVal !== undefined"
        " ? a.href.baseVal : (a.href || a.getAttribute('xlink:href') || ''))"
        f".filter(h => String(h).includes('{EVIL}'))")


def open_app(browser, url: str):
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(60_000)
    page.goto(url)
    wait_for_charts(page)
    return page


def upload(page, name: str, data: bytes) -> None:
    panel = page.locator('[data-testid="stExpander"]').filter(has_text="Import your own data")
    if panel.locator("details[open]").count() == 0:
        panel.locator("summary").click()
    panel.locator('input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})


def test_url_values_with_links_stay_text(server, browser):
    query = next(c for c in cases("browser") if c.case == "browser_links_in_url_values").inline
    page = open_app(browser, f"{server}/{query}")
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts()).replace("\u2060", "")
    assert all(value in alerts for value in (f"https://{EVIL}/login", f"www.{EVIL}", f"x@{EVIL}"))
    assert evil_links(page) == []
    page.close()



def test_refused_upload_keeps_the_previous_import_and_names_stay_text(server, browser):
    page = open_app(browser, server)
    bundled = metric(page)
    upload(page, "mine.csv", hostile_sample())
    page.get_by_text("Showing 12 events").wait_for()
    wait_for_charts(page)
    page.wait_for_function(f"document.querySelector('[data-testid=\"stMetricValue\"]').innerText != '{bundled}'")
    imported = metric(page)
    assert imported == 12 != bundled
    assert evil_links(page) == []                                       # no SVG <a> from data
    plots = " ".join(page.locator(".js-plotly-plot").evaluate_all("els => els.map(e => e.textContent)"))
    assert '<a href="https://evil.example' in plots                     # the markup, shown as text
    assert page.locator(".js-plotly-plot svg a").count() == 0
    assert page.locator('.js-plotly-plot tspan[style*="80px"]').count() == 0
    upload(page, f"report at www.evil-login.example and x@{EVIL}.csv", PNG.read_bytes())
    page.get_by_text("File refused").wait_for()
    page.get_by_text("Still showing the previous import").wait_for()
    wait_for_charts(page)
    assert metric(page) == imported                                      # not the bundled events
    assert evil_links(page) == [] and page.locator('a[href*="evil-login"]').count() == 0
    page.close()


# manifest case -> the test here that runs it
MANIFEST_TESTS = {
    "browser_links_in_url_values": test_url_values_with_links_stay_text,
    "browser_plotly_markup_in_upload": test_refused_upload_keeps_the_previous_import_and_names_stay_text,
    "browser_refused_upload_keeps_import": test_refused_upload_keeps_the_previous_import_and_names_stay_text,
}


def test_every_browser_case_is_tested():
    assert {c.case for c in cases("browser")} == set(MANIFEST_TESTS)
