"""Stable command line ``python -m components.ingest ARTICLE.txt --published D``.

Proposed ``events.csv`` rows from a new article live in :mod:`components.io.proposals`;
this module only keeps the command other tools run.
"""
import sys

from components.io.proposals import main

if __name__ == "__main__":
    sys.exit(main())
