"""An import directory is replaced as a whole: one consistent set, file modes kept, nothing
stray after a failure or a kill (components.io.importers.files.replace_dir and the CLI)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from components.io.importers.__main__ import main as importers_cli
from components.io.importers.files import atomic_write, default_mode, replace_dir, staging_prefix
from tests.support.hostile import ROOT, cases

SAMPLE = ROOT / "data" / "samples" / "acled_sample_synthetic.csv"
SET = ("events.csv", "events.parquet", "import_report.json")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(staging_prefix(folder)))


@pytest.fixture
def imported(tmp_path) -> Path:
    out = tmp_path / "imp"
    assert importers_cli(["acled", str(SAMPLE), "--out", str(out)]) in (0, 1)
    assert set(SET) <= set(os.listdir(out))
    return out


def test_modes_kept_and_new_files_get_the_umask_default(imported):
    assert all(((imported / n).stat().st_mode & 0o777) == default_mode() for n in SET)   # not 0600
    os.chmod(imported / "events.csv", 0o640)
    os.chmod(imported / "events.parquet", 0o604)
    os.chmod(imported, 0o750)
    assert importers_cli(["acled", str(SAMPLE), "--out", str(imported), "--update"]) in (0, 1)
    assert (imported / "events.csv").stat().st_mode & 0o777 == 0o640
    assert (imported / "events.parquet").stat().st_mode & 0o777 == 0o604
    assert imported.stat().st_mode & 0o777 == 0o750


def test_atomic_write_keeps_mode(tmp_path):
    path = tmp_path / "p.csv"
    atomic_write(path, lambda tmp: tmp.write_text("a"))
    assert path.stat().st_mode & 0o777 == default_mode()
    os.chmod(path, 0o640)
    atomic_write(path, lambda tmp: tmp.write_text("b"))
    assert path.stat().st_mode & 0o777 == 0o640 and path.read_text() == "b"


def test_user_files_are_carried_over(imported):
    (imported / "notes.txt").write_text("mine")
    assert importers_cli(["acled", str(SAMPLE), "--out", str(imported), "--update"]) in (0, 1)
    assert (imported / "notes.txt").read_text() == "mine"


def test_symlinked_out_keeps_its_link(imported, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(imported)
    assert importers_cli(["acled", str(SAMPLE), "--out", str(link), "--update"]) in (0, 1)
    assert link.is_symlink() and link.resolve() == imported.resolve()


# where the write fails: between events.csv and events.parquet, or after both
FAILURES = ["after_csv", "after_parquet"]


@pytest.mark.parametrize("where", FAILURES)
def test_a_failure_between_steps_leaves_the_old_set(imported, where):
    before = snapshot(imported)

    def write(folder: Path) -> list[str]:
        (folder / "events.csv").write_text("event_id\nnew\n")
        if where == "after_parquet":
            (folder / "events.parquet").write_bytes(b"new")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_dir(imported, write)
    assert snapshot(imported) == before
    assert strays(imported) == []


WRITER = """
import sys, time
from pathlib import Path
from components.io.importers.__main__ import _exit_on_term
import signal
from components.io.importers.files import replace_dir
signal.signal(signal.SIGTERM, _exit_on_term)
def write(folder):
    (folder / "events.csv").write_text("event_id\\nnew\\n")
    print("half", flush=True)
    time.sleep(60)
    return ["events.csv"]
replace_dir(Path(sys.argv[1]), write)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killed_mid_write(imported, sig):
    before = snapshot(imported)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(imported)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "half"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert snapshot(imported) == before                      # the old set, whole
    if sig == signal.SIGTERM:
        assert strays(imported) == []                        # cleaned up on the way out
    else:
        assert len(strays(imported)) == 1                    # SIGKILL cannot be caught: beside, not inside
        replace_dir(imported, lambda folder: [])             # the next replacement removes it
        assert strays(imported) == []
        assert set(SET) <= set(os.listdir(imported))         # nothing written: the old files carried over


def test_cli_writes_one_set(imported):
    report = (imported / "import_report.json").read_text()
    csv_rows = (imported / "events.csv").read_text().count("\n") - 1
    assert f'"rows_accepted": {csv_rows}' in report
    assert strays(imported) == []


# manifest case -> the test above that runs it
MANIFEST_TESTS = {
    "importdir_fail_after_csv": "test_a_failure_between_steps_leaves_the_old_set[after_csv]",
    "importdir_fail_after_parquet": "test_a_failure_between_steps_leaves_the_old_set[after_parquet]",
    "importdir_sigterm": "test_killed_mid_write[SIGTERM]",
    "importdir_sigkill": "test_killed_mid_write[SIGKILL]",
    "importdir_modes": "test_modes_kept_and_new_files_get_the_umask_default",
}


def test_every_importdir_case_is_tested():
    assert {c.case for c in cases("importdir")} == set(MANIFEST_TESTS)
    assert all(name.split("[")[0] in globals() for name in MANIFEST_TESTS.values())
