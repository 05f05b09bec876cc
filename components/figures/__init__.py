"""Pure figure builders: ``(frame, *, options) -> go.Figure``; no Streamlit, no I/O."""
from components.figures.balance import balance_figure
from components.figures.common import PLOTLY_CONFIG, MissingColumnError, plain_text
from components.figures.map import map_figure
from components.figures.timeline import timeline_figure

__all__ = ["balance_figure", "map_figure", "timeline_figure", "plain_text",
           "MissingColumnError", "PLOTLY_CONFIG"]
