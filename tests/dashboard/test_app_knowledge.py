"""The app: knowledge time and the reporting lag from the URL and the sidebar."""
from __future__ import annotations

from datetime import date

from tests.dashboard.test_app import count, open_more, plain, run_app, shown, url


def _context(at) -> str:
    return next(plain(c.value) for c in at.caption if "data as of" in plain(c.value))


def test_known_by_from_the_url():
    at = run_app({"known_by": "2020-06-30"})
    assert shown(at) == count(known_by=date(2020, 6, 30)) > 0
    assert "Known by: 2020-06-30 (certainly published by then)" in _context(at)
    assert url(at, "known_by") == ["2020-06-30"]


def test_lag_from_the_url_is_stamped():
    at = run_app({"lag": "7"})
    assert "undated reports: up to 7 days before publication" in _context(at)
    assert url(at, "lag") == ["7"]


def test_sidebar_lag_and_known_by_rewrite_the_url():
    at = run_app()
    assert "undated reports: up to 21 days before publication" in _context(at)
    open_more(at)
    at.number_input(key="lag").set_value(14)
    at.date_input(key="known_by").set_value(date(2020, 6, 5))
    at.radio(key="known_mode").set_value("possibly")
    at.run()
    assert not at.exception
    assert (url(at, "lag"), url(at, "known_by"), url(at, "known_mode")) == (["14"], ["2020-06-05"], ["possibly"])
    assert shown(at) == count(known_by=date(2020, 6, 5), known_mode="possibly", lag_days=14)


def test_bad_knowledge_values_warn():
    at = run_app({"known_by": "someday", "lag": "-1"})
    warnings = " ".join(plain(w.value) for w in at.warning)
    assert "known_by='someday'" in warnings and "lag='-1'" in warnings
