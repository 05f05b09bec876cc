"""Stable command line ``python -m components.importers acled|ucdp FILE --out DIR``.

The importers live in :mod:`components.io.importers`; this package only keeps the
command other tools run.
"""
