"""Streamlit UI (app.py, controls.py, table.py) and the PNG export CLI (export.py).

Importing this package does not import streamlit: ``python -m dashboard.export`` runs
without it.
"""
