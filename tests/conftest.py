"""Fixtures shared across the test packages.

Hand-made frames come from ``tests/support/frames.py`` (one builder, two row sets with
distinct ids); these fixtures hand them out, and the bundled data once per session.
"""
from __future__ import annotations

import pytest

from tests.support.frames import make_events, make_frame


@pytest.fixture(scope="session")
def bundled_events():
    """The bundled data/ as the events table (loaded once; treat as read-only)."""
    from components.events import load_events_frame
    return load_events_frame()


@pytest.fixture
def events_frame():
    """The query/store row set (e1..e8), fresh for each test."""
    return make_events()


@pytest.fixture
def figure_frame():
    """The figure row set (f1..f7), fresh for each test."""
    return make_frame()
