"""Hostile and broken imports, uploads and exports: the importer/upload/export cases of the manifest.

For every file the importer either refuses it as a whole with one message naming
file:line and what to do, or accounts for every row: ``rows_read`` equals an
independent count of the file's records and ``accepted + rejected`` (each rejection
located as file:line:column with the value).  Exported CSV neutralises formula
prefixes, and text survives export -> import unchanged.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from components.events import events_to_frame, load_dataset
from components.io.table_export import FORMULA_TRIGGERS, guard_cell, to_acled_csv
from components.io.importers import ImportFileError, import_bytes, import_file, import_upload
from components.io.importers.__main__ import main as importers_cli
from components.io.importers.references import load_references
from components.text import has_controls
from tests.support.hostile import GENERATED, Case, cases, dataset_dir, unescape

REFS = load_references()
COUNTS = re.compile(r"read=(\d+) accepted=(\d+) rejected=(\d+)")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
REQUIRED_ONLY = "event_id_cnty,event_date,time_precision,actor1,location,latitude,longitude"
ROW = "G-{i},{day},1,Military Forces of Russia (2000-),Deir-ez-Zor,35.3359,40.1408"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acled_sample_synthetic.csv"


def _ten_mb_field() -> bytes:
    header, first = SAMPLE.read_text(encoding="utf-8").splitlines()[:2]
    return f"{header}\n{first.replace('SYNTHETIC.', 'SYNTHETIC.' + 'A' * 10 * 1024 * 1024, 1)}\n".encode()


def _rows(count: int, bad_every: int = 0) -> bytes:
    lines = [REQUIRED_ONLY]
    lines += [ROW.format(i=i, day="2020-02-30" if bad_every and i % bad_every == bad_every - 1 else "2020-07-04")
              for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


GENERATORS = {
    "acled_10mb_field": _ten_mb_field,
    "acled_200k_rows_over_cap": lambda: _rows(200_001),
    "acled_200k_rows_reconcile": lambda: _rows(200_000, bad_every=1000),
    "upload_oversize": lambda: b"x" * 50_000_001,
    "acled_49mb_newlines": lambda: (REQUIRED_ONLY + "\n").encode() + b"\n" * 49_000_000,
    "acled_blank_lines_over_cap": lambda: _rows(150_000) + b"\n" * 60_000,
    "upload_40k_columns": lambda: (REQUIRED_ONLY + ",x" * 40_000 + "\n").encode(),
    "upload_markup_filename": lambda: (Path(__file__).resolve().parents[1] / "fixtures" / "bad" / "upload" / "image.png").read_bytes(),
}
NAMES = {"upload_markup_filename": "[x](javascript:alert(1))<img src=x onerror=alert(1)>.csv"}
SLOW = {"acled_200k_rows_over_cap", "acled_200k_rows_reconcile"}
XFAIL: dict[str, str] = {}


def _params(selected: list[Case]) -> list:
    params = []
    for c in selected:
        marks = [pytest.mark.xfail(strict=True, reason=XFAIL[c.case])] if c.case in XFAIL else []
        marks += [pytest.mark.slow] if c.case in SLOW else []
        params.append(pytest.param(c, id=c.case, marks=marks))
    return params


def case_bytes(case: Case, tmp_path: Path) -> tuple[str, bytes]:
    """(file name, bytes) of a case; generated ones are written to ``tmp_path`` first."""
    if case.file != GENERATED:
        return case.path.name, case.path.read_bytes()
    path = tmp_path / f"{case.case}.csv"
    path.write_bytes(GENERATORS[case.case]())
    return NAMES.get(case.case, path.name), path.read_bytes()


def record_count(data: bytes) -> int:
    """Non-blank CSV records after the header, counted without the importer."""
    text = data.decode("utf-8-sig")
    records = [row for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)]
    return max(0, len(records) - 1)


def test_every_generated_case_has_a_generator():
    assert {c.case for c in cases("importer", "upload", generated=True)} == set(GENERATORS)


@pytest.mark.timeout(180)     # a hang guard, not a speed check
@pytest.mark.parametrize("case", _params(cases("importer")))
def test_importer_case(case, tmp_path):
    name, data = case_bytes(case, tmp_path)
    kind = "ucdp" if case.case.startswith("ucdp") else "acled"
    if case.kind == "refused":
        with pytest.raises(ImportFileError) as err:
            import_bytes(kind, data, name, refs=REFS)
        assert all(f in str(err.value) for f in case.fragments), str(err.value)
        assert len(str(err.value)) < 1000
        return
    frame, report = import_bytes(kind, data, name, refs=REFS)
    read, accepted, rejected = map(int, COUNTS.match(case.expected).groups())
    assert (report.rows_read, report.rows_accepted, len(report.rejected)) == (read, accepted, rejected)
    assert report.rows_read == record_count(data) == report.rows_accepted + len(report.rejected)
    assert len(frame) == report.rows_accepted and report.reconciles
    shown = [str(p) for p in report.rejected]
    for fragment in case.expected.split("; ")[1:]:
        if fragment.startswith("unmapped actor "):
            assert fragment.removeprefix("unmapped actor ") in report.unmapped_actors
        elif fragment.startswith("unmapped town "):
            assert fragment.removeprefix("unmapped town ") in report.unmapped_towns
        elif fragment.startswith("warning "):
            warned = [str(p) for p in report.warnings]
            assert any(line.startswith(fragment.removeprefix("warning ")) for line in warned), warned
        else:
            assert any(line.startswith(fragment) for line in shown), shown
    assert all(p.line >= 2 and p.message for p in report.rejected)
    assert not has_controls(report.text(limit=10_000))     # no ESC/CSI/bidi reaches a terminal


@pytest.mark.parametrize("case", _params(cases("upload")))
def test_upload_case(case, tmp_path):
    name, data = case_bytes(case, tmp_path)
    with pytest.raises(ImportFileError) as err:
        import_upload(name, data, refs=REFS)
    message = str(err.value)
    assert message.startswith(name) and len(message) < 1000
    assert all(f in message for f in case.fragments), message


def test_payloads_are_imported_verbatim_and_exported_guarded():
    case = next(c for c in cases("importer") if c.case == "acled_payloads")
    frame, report = import_file("acled", case.path, refs=REFS)
    assert any(q.startswith('=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)> '
                            "[x](javascript:alert(1))") for q in frame["quote"])
    assert "+cmd|' /C calc'!A0" in set(frame["outlet"]) and "-2+3" in set(frame["outlet"])
    assert ["<script>alert(1)</script>"] in [list(a) for a in frame["actors"]]
    exported = list(csv.DictReader(io.StringIO(to_acled_csv(frame))))
    assert {r["source"] for r in exported} == {"'+cmd|' /C calc'!A0", "'-2+3"}
    assert {r["actor1"] for r in exported} == {"<script>alert(1)</script>", "'@SUM(1+1)"}
    back, _ = import_bytes("acled", to_acled_csv(frame).encode(), "back.csv", refs=REFS)
    assert list(back["quote"]) == list(frame["quote"]) and list(back["outlet"]) == list(frame["outlet"])


def test_cli_refusal_exits_2_and_writes_nothing(tmp_path, capsys):
    case = next(c for c in cases("importer") if c.case == "acled_latin1")
    out = tmp_path / "out"
    assert importers_cli(["acled", str(case.path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: {case.expected.removeprefix('refused: ')}"
    assert not out.exists()


def test_cli_rejected_rows_exit_1_and_are_listed(tmp_path, capsys):
    case = next(c for c in cases("importer") if c.case == "acled_impossible_date")
    assert importers_cli(["acled", str(case.path), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().out
    assert "rows read:     2" in printed and "rows rejected: 1" in printed
    assert case.expected.split("; ")[1] in printed


def test_cli_report_shows_terminal_escapes(tmp_path, capsys):
    case = next(c for c in cases("importer") if c.case == "acled_lookalike_names")
    assert importers_cli(["acled", str(case.path), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    assert "\x1b" not in printed.out + printed.err and "\u202e" not in printed.out + printed.err
    assert "⟨U+001B⟩[2J⟨U+001B⟩[31mRed Brigade⟨U+0007⟩ (1 row)" in printed.out


EXPORT_CASES = cases("export")


@pytest.fixture(scope="module")
def hostile_frame(tmp_path_factory) -> pd.DataFrame:
    """The events table of the hostile base dataset (loaded once)."""
    return events_to_frame(load_dataset(dataset_dir(tmp_path_factory.mktemp("hostile"))))


@pytest.mark.parametrize("case", _params(EXPORT_CASES))
def test_export_case(case, hostile_frame):
    """The cell as written to CSV, and the text after export -> import."""
    text, expected = case.inline, unescape(case.expected.removeprefix("cell: "))
    assert guard_cell(text) == expected
    frame = hostile_frame[:1].copy()
    frame["quote"] = [text]
    written = next(csv.DictReader(io.StringIO(to_acled_csv(frame))))
    assert written["notes"] == expected
    back, report = import_bytes("acled", to_acled_csv(frame).encode(), "back.csv", refs=REFS)
    assert report.rows_accepted == 1 and back["quote"].iloc[0] == text


def test_export_of_the_hostile_dataset_guards_every_cell(hostile_frame):
    frame = hostile_frame
    rows = list(csv.reader(io.StringIO(to_acled_csv(frame))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == len(frame) + 1 == 8
    dangerous = [c for c in cells if c[:1] in FORMULA_TRIGGERS and not PLAIN_NUMBER.fullmatch(c)]
    assert dangerous == []
    assert any(c.startswith("'=HYPERLINK(") and "[site](javascript:" in c for c in cells)  # the outlet
    assert any("<script>" in c for c in cells)                        # markup is left as text


SQLISH = ["x' OR '1'='1", "Robert'); DROP TABLE events; --", 'a" OR ""="', "%", "_", "\\", "🙂; SELECT 1"]


@pytest.mark.parametrize("name", SQLISH, ids=range(len(SQLISH)))
def test_sql_looking_names_filter_exactly(hostile_frame, name):
    """A name that looks like SQL (or a LIKE pattern) matches itself only, in every filter field."""
    from components.query.filter import EventFilter
    from components.query.run import filter_events
    frame = hostile_frame.copy()
    frame.attrs = {}
    frame["actors"] = [[name]] + [list(a) for a in frame["actors"][1:]]
    frame["towns"] = [[name]] + [list(t) for t in frame["towns"][1:]]
    frame["actor_scope"], frame["place_scope"] = frame["actors"], frame["towns"]
    frame["outlet"] = [name] + list(frame["outlet"][1:])
    for field in ("actors", "towns", "sources"):
        kept = filter_events(frame, EventFilter(**{field: (name,)}))
        assert list(kept["event_id"]) == [frame["event_id"].iloc[0]], field


CLI_CASES = [
    # id,                module and arguments ({f} = the bad file),                          exit, stderr must hold
    ("ingest_latin1", ["components.ingest", "{f}", "--published", "2020-07-05"], 2, ["bad.txt", "utf-8"]),
    ("ingest_bad_published", ["components.ingest", "{ok}", "--published", "2020-02-30"], 2, ["2020-02-30"]),
    ("importers_directory", ["components.importers", "acled", "{dir}", "--out", "{dir}/out"], 2, ["file not found"]),
    ("importers_image", ["components.importers", "acled", "{png}", "--out", "{dir}/out"], 2, ["PNG image"]),
    ("events_data_is_a_file", ["components.events", "validate", "--data", "{f}"], 2,
     ["expected a data directory, .parquet or .csv file"]),
]
CLI_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize("args, code, needles", [
    pytest.param(*c[1:], id=c[0], marks=[pytest.mark.xfail(strict=True, reason=CLI_XFAIL[c[0]])]
                 if c[0] in CLI_XFAIL else []) for c in CLI_CASES])
def test_cli_refuses_bad_input_without_a_traceback(tmp_path, args, code, needles):
    import subprocess
    import sys
    from tests.support.hostile import BAD, ROOT
    (tmp_path / "bad.txt").write_bytes("caf\u00e9 on Saturday\n".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("On Saturday the convoy left Albu Kamal.\n", encoding="utf-8")
    names = {"f": tmp_path / "bad.txt", "ok": tmp_path / "ok.txt", "dir": tmp_path,
             "png": BAD / "upload" / "image.png"}
    run = subprocess.run([sys.executable, "-m", *[a.format(**names) for a in args]],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == code and "Traceback" not in run.stderr + run.stdout
    assert all(n in run.stderr + run.stdout for n in needles), (run.stdout + run.stderr)[-300:]
