"""The dashboard's pure-Python core (never imports Streamlit).

Layers, each importing only the ones after it:
``commands`` / ``views`` → ``query`` → ``io`` → ``events`` → ``dates``.
See ARCHITECTURE.md.
"""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"   # the bundled, curated data
