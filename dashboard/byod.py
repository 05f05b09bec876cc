"""Bring your own data in the app: import an ACLED/UCDP file, or propose events from an article.

Two panels, each a function the app calls where it wants them:

* ``import_view(bundled)``, then ``render_import_panel(view)`` -- upload a CSV, see the
  validation report, choose to view it alone or merged with the bundled events.  The view
  is read from the widgets' state first (its ``events``: the frame to show, None when
  nothing is imported, so the app keeps its own events); the panel is drawn later.
* ``render_article_panel(data_dir)`` -- paste an article and its publication date or
  window, see the date phrases marked in the text with their intervals, and the proposed
  events.csv rows with a CSV download.

Nothing from the data becomes markup: the article is shown with ``st.text`` (plain,
preformatted) with ⟦ ⟧ around each phrase; an Arabic article right to left through
``st.html`` with every piece HTML-escaped (``dashboard.marked.marked_html``), phrases in
``<mark>``; tables go through ``st.dataframe``.  Sample: ``data/samples/arabic_article_synthetic.txt``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from components.dates.arabic import has_arabic
from components.dates.extract import find_dates
from components.dates.model import Anchor
from components.io.importers import ImportFileError, import_upload
from components.io.importers.frame import merge_frames
from components.io.importers.references import References, load_references
from components.io.proposals import propose_rows, proposals_csv
from dashboard.controls import keep_state
from dashboard.marked import marked_html
from dashboard.text import literal

MAX_UPLOAD_MB = 50
MAX_ARTICLE_CHARS = 200_000
CHOICES = ("imported events alone", "merged with the bundled events")


@st.cache_data(show_spinner="Checking the file…", max_entries=4)
def _cached_import(name: str, data: bytes, kind: str):
    """(frame, report) or the refusal message; cached on the file's bytes."""
    try:
        return import_upload(name, data, kind, max_bytes=MAX_UPLOAD_MB * 1_000_000)
    except ImportFileError as err:
        return str(err)


@st.cache_resource
def _references(data_dir: str) -> References:
    return load_references(data_dir or None)


@dataclass(frozen=True)
class ImportView:
    """What the upload widgets' state asks for: the events to show (None: the app's own)
    and what the import panel says about the file."""
    events: pd.DataFrame | None = None
    report: object | None = None        # the importer's report of a file it read
    refused: str = ""                   # why a file was refused
    empty: bool = False                 # a file was read but no row could be imported
    clashes: tuple[str, ...] = ()       # merged: imported ids the bundled events already hold
    previous: tuple[str, int] | None = None   # (name, events) of the import still shown after a refusal
    choice: str = ""


def import_view(bundled: pd.DataFrame, *, key: str = "byod_import") -> ImportView:
    """The events the import panel's widgets ask for, read from their state before the panel
    is drawn: the app sends the headline and the timeline first and draws the panel after
    (``render_import_panel``), so the first chart does not wait for the uploader's code
    (measured in chromium: the first chart ~4% sooner)."""
    upload = st.session_state.get(f"{key}_file")
    if upload is None:
        # The last good import stays in the session: a browser replacing the file passes
        # through a rerun without one, and a refused file must fall back to it.
        return ImportView()
    data = upload.getvalue()
    kind = st.session_state.get(f"{key}_kind") or "auto"
    outcome = _cached_import(upload.name, data, kind)
    last_key = f"{key}_last"
    if isinstance(outcome, str):
        return _previous(last_key, refused=outcome)
    frame, report = outcome
    if frame.empty:
        return _previous(last_key, report=report, empty=True)
    choice = st.session_state.get(f"{key}_choice") or CHOICES[0]
    clashes: list[str] = []
    if choice == CHOICES[0]:
        shown = frame.copy()
    else:
        shown, clashes = merge_frames(bundled, frame)
    digest = hashlib.sha256(data).hexdigest()[:16]
    shown.attrs = {"engine_key": f"byod:{digest}:{kind}:{CHOICES.index(choice)}"}
    st.session_state[last_key] = (upload.name, shown)
    return ImportView(events=shown, report=report, clashes=tuple(clashes), choice=choice)


def _previous(last_key: str, **said) -> ImportView:
    """After a refused file, keep showing the last good import (or the bundled events)."""
    last = st.session_state.get(last_key)
    if last is None:
        return ImportView(**said)
    name, shown = last
    return ImportView(events=shown, previous=(name, len(shown)), **said)


def render_import_panel(view: ImportView, *, key: str = "byod_import") -> None:
    """Upload -> validation report -> alone/merged choice, as ``import_view`` read them."""
    with st.expander("Import your own data (ACLED or UCDP GED CSV)"):
        st.file_uploader(f"ACLED or UCDP GED export, .csv, up to {MAX_UPLOAD_MB} MB", type=["csv"],
                         key=f"{key}_file")
        st.radio("Format", ("auto", "acled", "ucdp"), horizontal=True, key=f"{key}_kind")
        if view.refused:
            st.error(f"File refused: {literal(view.refused)}")
        elif view.report is not None:
            _show_report(view.report)
        if view.refused or view.empty:
            if view.empty:
                st.warning("No row could be imported.")
            if view.previous is None:
                st.caption("The bundled events are shown.")
            else:
                name, count = view.previous
                st.warning(f"Still showing the previous import: {literal(name)} ({count:,} events).")
            return
        if view.events is None:
            st.caption("Sample files: data/samples/*_synthetic.csv (synthetic, for trying the import).")
            return
        st.radio("Show", CHOICES, horizontal=True, key=f"{key}_choice")
        if view.clashes:
            st.warning(f"{len(view.clashes)} imported id(s) already exist in the bundled events and were "
                       f"left out (the curated version is kept): {literal(', '.join(view.clashes[:10]))}")
        st.caption(f"Showing {len(view.events):,} events ({view.choice}).")


def _show_report(report) -> None:
    read, accepted, rejected = st.columns(3)
    read.metric("Rows read", f"{report.rows_read:,}")
    accepted.metric("Rows accepted", f"{report.rows_accepted:,}")
    rejected.metric("Rows rejected", f"{len(report.rejected):,}")
    if report.rejected:
        st.write("Rejected rows (file:line:column — reason):")
        st.dataframe(_problems(report.rejected), hide_index=True)
    if report.warnings:
        st.write("Accepted with warnings:")
        st.dataframe(_problems(report.warnings), hide_index=True)
    if report.unmapped_actors:
        st.write("Actors not in the actor map (kept, side 'other'):")
        st.dataframe(pd.DataFrame(list(report.unmapped_actors.items()), columns=["actor", "rows"]), hide_index=True)
    if report.unmapped_towns:
        st.write("Locations not in the town registry (kept with the file's coordinates):")
        st.dataframe(pd.DataFrame(list(report.unmapped_towns.items()), columns=["location", "rows"]), hide_index=True)


def _problems(problems) -> pd.DataFrame:
    return pd.DataFrame([(p.line, p.column, p.message) for p in problems],
                        columns=["line", "column", "problem"])


def render_article_panel(registry_or_data_dir: References | str | Path | None = None, *,
                         key: str = "byod_article") -> None:
    """Paste an article + publication date/window -> marked phrases, proposed rows, CSV download.

    Built only while open (``{key}_open``): its widgets' code is not loaded by a browser that
    never opens it (measured: the first chart comes ~0.1 s sooner).  What was pasted is kept
    while the panel is closed."""
    keep_state(f"{key}_text", f"{key}_published")
    panel = st.expander("Propose events from a new article", key=f"{key}_open", on_change="rerun")
    with panel:
        if not panel.open:
            return
        refs = (registry_or_data_dir if isinstance(registry_or_data_dir, References)
                else _references(str(registry_or_data_dir or "")))
        text = st.text_area("Article text", height=200, key=f"{key}_text",
                            max_chars=MAX_ARTICLE_CHARS)
        published = st.text_input("Published (YYYY-MM-DD, or a window YYYY-MM-DD/YYYY-MM-DD)",
                                  key=f"{key}_published", placeholder="2020-07-05/2020-07-08")
        if not text.strip() or not published.strip():
            st.caption("Paste the text and its publication date to see the date phrases "
                       "(Arabic too; sample: data/samples/arabic_article_synthetic.txt).")
            return
        try:
            anchor = Anchor.of(published)
        except (ValueError, TypeError) as err:
            st.error(f"Publication date not understood: {literal(published)} ({literal(err)})")
            return
        found = find_dates(text, anchor)
        if has_arabic(text):   # right to left, phrases highlighted; every piece of text HTML-escaped
            st.write(f"{len(found)} date phrase(s), highlighted:")
            st.html(marked_html(text, [(f.start_char, f.end_char) for f in found], rtl=True))
        else:
            st.write(f"{len(found)} date phrase(s), marked ⟦like this⟧:")
            st.text(_marked(text, found))
        if not found:
            return
        st.dataframe(pd.DataFrame([{"phrase": f.text, "earliest": f.result.bounds_iso()[0],
                                    "latest": f.result.bounds_iso()[1],
                                    "grain": f.result.granularity.value if f.result.granularity else "",
                                    "rule": f.result.rule, "derivation": f.result.derivation()} for f in found]),
                     hide_index=True)
        proposals = propose_rows(text, str(anchor), refs)
        st.write("Proposed rows for data/events.csv (fill in article_id, event_type, status, favours, summary):")
        st.dataframe(proposals, hide_index=True)
        st.download_button("Download proposed rows (CSV)", data=proposals_csv(proposals),
                           file_name="proposed-events.csv", mime="text/csv", key=f"{key}_download")


def _marked(text: str, found) -> str:
    """The text with ⟦ ⟧ around each phrase (plain text; nothing is interpreted)."""
    parts, at = [], 0
    for f in found:
        parts += [text[at:f.start_char], "⟦", text[f.start_char:f.end_char], "⟧"]
        at = f.end_char
    parts.append(text[at:])
    return "".join(parts)
