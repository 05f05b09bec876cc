"""The provenance table under the charts, paginated, with CSV and JSON downloads."""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from components.events.model import side_label
from components.io.table_export import to_acled_csv, to_json
from components.text import visible_controls
from components.views.figures.common import as_list

PAGE_SIZE = 500
# frame column -> table header, in display order
TABLE_COLUMNS: dict[str, str] = {
    "event_id": "id", "earliest": "earliest", "latest": "latest", "summary": "summary",
    "quote": "quote", "date_text": "date phrase", "explanation": "derivation",
    "override_reason": "override reason", "override_source": "override source",
    "published_earliest": "published from", "published_latest": "published to",
    "outlet": "outlet", "relays": "relays", "actors": "actors", "sides": "sides", "towns": "towns",
    "event_type": "type", "status": "status", "favours": "favours", "same_as": "same as",
}


def table_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Display copy: ISO dates, lists joined with '; ', headers renamed. Plain text only."""
    out = pd.DataFrame(index=rows.index)
    for column, header in TABLE_COLUMNS.items():
        if column not in rows.columns:
            continue
        values = rows[column]
        if column in ("actors", "towns"):
            values = values.map(lambda v: "; ".join(as_list(v)))
        elif column == "sides":        # readers' names, never the file codes
            values = values.map(lambda v: "; ".join(side_label(s) for s in as_list(v)))
        elif column == "favours":
            values = values.map(side_label)
        elif pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.strftime("%Y-%m-%d").fillna("")
        out[header] = values
    # bidi overrides, zero-width and control characters in data shown as ⟨U+XXXX⟩ (the
    # downloads keep the data as it is)
    return out.apply(lambda col: col.map(visible_controls) if pd.api.types.is_string_dtype(col) else col)


def provenance_table(shown: pd.DataFrame) -> None:
    st.subheader("Events and their provenance")
    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages:,}, {PAGE_SIZE} rows each)", min_value=1,
                                   max_value=pages, step=1, key="table_page"))
    first = (page - 1) * PAGE_SIZE
    part = shown.iloc[first:first + PAGE_SIZE]
    if pages > 1:
        st.caption(f"Rows {first + 1:,}–{first + len(part):,} of {len(shown):,}")
    st.dataframe(table_frame(part), hide_index=True, key="events_table")
    csv_col, json_col = st.columns(2)
    csv_col.download_button("Download shown events (CSV, ACLED-compatible)",
                            data=lambda: to_acled_csv(shown), file_name="deir-ez-zor-events.csv",
                            mime="text/csv", key="download_csv", on_click="ignore")
    json_col.download_button("Download shown events (JSON)", data=lambda: to_json(shown),
                             file_name="deir-ez-zor-events.json", mime="application/json",
                             key="download_json", on_click="ignore")
