"""Pure figure builders: ``(frame, *, options) -> go.Figure``; no Streamlit, no I/O."""
from components.views.figures.balance import balance_figure
from components.views.figures.common import PLOTLY_CONFIG, MissingColumnError, plain_text
from components.views.figures.map import map_figure
from components.views.figures.timeline import timeline_figure

__all__ = ["balance_figure", "map_figure", "timeline_figure", "plain_text",
           "MissingColumnError", "PLOTLY_CONFIG"]
