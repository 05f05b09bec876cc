"""Curated data is never modified: not by the app, an import, an export, or an import that crashes.

Every test compares the sha256 of every file under data/ (and the list of files) before
and after.  The crash tests make the importer CLI's write step fail halfway and then
require that its output directory holds no partial file: each output is either absent,
complete, or still the previous complete version (writes go to a temporary file that
``os.replace`` puts in place).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.query.datasource import load_view_data
from components.io.table_export import to_acled_csv, to_json
from components.io.importers import import_upload
from components.io.importers.__main__ import main as importers_cli
from tests.support.hostile import BAD, DATA, ROOT, tree_hashes

APP = str(ROOT / "dashboard" / "app.py")
SAMPLE = DATA / "samples" / "acled_sample_synthetic.csv"
OTHER_SAMPLE = DATA / "samples" / "ucdp_ged_sample_synthetic.csv"


@pytest.fixture
def curated():
    """data/ must hash the same after the test as before it."""
    before = tree_hashes(DATA)
    yield DATA
    assert tree_hashes(DATA) == before


def test_app_session_leaves_data_untouched(curated):
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.file_uploader(key="byod_import_file").set_value(
        (SAMPLE.name, SAMPLE.read_bytes(), "text/csv")).run()
    at.file_uploader(key="byod_import_file").set_value(
        ("image.csv", (BAD / "upload" / "image.png").read_bytes(), "text/csv")).run()
    at.multiselect(key="side").set_value(["iran"]).run()
    assert not at.exception


def test_import_and_export_leave_data_untouched(curated, tmp_path):
    frame, report = import_upload(SAMPLE.name, SAMPLE.read_bytes())
    assert report.rows_accepted == len(frame) > 0
    bundled = load_view_data().frame
    (tmp_path / "events.csv").write_text(to_acled_csv(bundled), encoding="utf-8")
    (tmp_path / "events.json").write_text(to_json(bundled), encoding="utf-8")
    assert importers_cli(["acled", str(SAMPLE), "--out", str(tmp_path / "out")]) == 0


def _reference_outputs(tmp_path: Path, sample: Path, kind: str) -> dict[str, bytes]:
    out = tmp_path / f"reference-{kind}"
    assert importers_cli([kind, str(sample), "--out", str(out)]) == 0
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _half_then_fail(original):
    """A write_text/write_bytes that writes half its data, then fails like a full disk."""
    def write(self, data, *args, **kwargs):
        original(self, data[: len(data) // 2], *args, **kwargs)
        raise OSError(28, "No space left on device (simulated)")
    return write


CRASHES = [
    # what fails halfway,                     how
    ("write_text", lambda mp: mp.setattr(Path, "write_text", _half_then_fail(Path.write_text))),
    ("os_replace", lambda mp: mp.setattr(os, "replace", _raise)),
    ("parquet", lambda mp: mp.setattr("components.io.store.write_events", _half_parquet)),
]


def _raise(*args, **kwargs):
    raise OSError(5, "Input/output error (simulated)")


def _half_parquet(frame, path):
    Path(path).write_bytes(b"PAR1" + b"\0" * 64)       # a truncated Parquet file
    raise OSError(28, "No space left on device (simulated)")


def _assert_no_partial(out: Path, complete: dict[str, list[bytes]]) -> None:
    """Every file in ``out`` is byte-for-byte one of the complete versions of that file."""
    for path in out.iterdir() if out.exists() else ():
        assert path.name in complete, f"stray file left behind: {path.name}"
        assert path.read_bytes() in complete[path.name], f"partial file: {path.name}"


# Before 140768a the CLI wrote each file in place and a crash left it truncated.
@pytest.mark.parametrize("crash", [c[1] for c in CRASHES], ids=[c[0] for c in CRASHES])
def test_crash_mid_import_leaves_no_partial_file(crash, curated, tmp_path, monkeypatch):
    new = _reference_outputs(tmp_path, SAMPLE, "acled")
    old = _reference_outputs(tmp_path, OTHER_SAMPLE, "ucdp")
    out = tmp_path / "out"
    out.mkdir()
    for name, data in old.items():                    # a previous import's complete results
        (out / name).write_bytes(data)
    with monkeypatch.context() as mp:
        crash(mp)
        try:
            importers_cli(["acled", str(SAMPLE), "--out", str(out)])
        except OSError:
            pass                                      # the crash may surface; it must not corrupt
    _assert_no_partial(out, {name: [new.get(name), old.get(name)] for name in {*new, *old}})
    fresh = tmp_path / "fresh"
    with monkeypatch.context() as mp:
        crash(mp)
        try:
            importers_cli(["acled", str(SAMPLE), "--out", str(fresh)])
        except OSError:
            pass
    _assert_no_partial(fresh, {name: [data] for name, data in new.items()})
