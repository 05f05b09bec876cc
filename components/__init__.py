"""Pure-Python core of the Deir ez-Zor timeline: model, dates, filters, figures.

Nothing in this package imports streamlit or reads the clock.
"""
