"""ACLED / UCDP GED importers on the synthetic sample files in data/samples/."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components.io.importers import ImportFileError, detect_kind, import_bytes, import_file, import_upload
from components.io.importers.__main__ import main as importers_main
from components.io.importers.acled import acled_interval
from components.io.importers.actor_map import ActorMapper, load_actor_map
from components.io.importers.references import References, TownRef, load_references
from components.events.schema import FRAME_COLUMNS

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
ACLED_SAMPLE = SAMPLES / "acled_sample_synthetic.csv"
UCDP_SAMPLE = SAMPLES / "ucdp_ged_sample_synthetic.csv"
ACLED_BAD = SAMPLES / "acled_bad_rows_synthetic.csv"
UCDP_BAD = SAMPLES / "ucdp_ged_bad_rows_synthetic.csv"

# A fixed registry so the tests do not depend on the curated data/ tables.
ALBU_KAMAL = TownRef("Albu Kamal", 34.4531, 40.9186)
REFS = References(
    actors={"hezbollah": ("Hezbollah", "iran"), "liwa fatemiyoun": ("Liwa Fatemiyoun", "iran")},
    towns={"abu kamal": ALBU_KAMAL, "boukamal": ALBU_KAMAL, "albu kamal": ALBU_KAMAL},
)

ACLED_INTERVAL_CASES = [
    # event_date,         code, expected (earliest..latest granularity)
    (date(2020, 7, 4), 1, "2020-07-04..2020-07-04 day"),
    (date(2020, 7, 1), 2, "2020-06-29..2020-07-05 week"),     # a Wednesday: its ISO week
    (date(2020, 7, 2), 2, "2020-06-29..2020-07-05 week"),     # a Thursday: its ISO week
    (date(2020, 6, 27), 2, "2020-06-24..2020-06-30 week"),    # a Saturday: 7 days centred on it
    (date(2020, 12, 31), 2, "2020-12-28..2021-01-03 week"),   # week across the year boundary
    (date(2020, 2, 15), 3, "2020-02-01..2020-02-29 month"),   # leap February
    (date(2021, 2, 1), 3, "2021-02-01..2021-02-28 month"),    # "beginning of the month" coding
    (date(2020, 6, 30), 3, "2020-06-01..2020-06-30 month"),   # "end of the month" coding
]
assert len({c[:2] for c in ACLED_INTERVAL_CASES}) == len(ACLED_INTERVAL_CASES)


@pytest.mark.parametrize("day, code, expected", ACLED_INTERVAL_CASES,
                         ids=[f"{c[0]}-p{c[1]}" for c in ACLED_INTERVAL_CASES])
def test_acled_interval(day, code, expected):
    start, end, granularity, _, _ = acled_interval(day, code)
    assert f"{start}..{end} {granularity}" == expected


def _import(kind, path):
    return import_file(kind, path, refs=REFS)


ACLED_ROW_CASES = [
    # event_id,            earliest,     latest,       granularity, rule,               actors,                                       sides,               town
    ("acled:SYR-SYN-001", "2020-07-04", "2020-07-04", "day", "acled_precision_1", ["Russian forces"], ["russia"], "Deir-ez-Zor"),
    ("acled:SYR-SYN-003", "2020-06-29", "2020-07-05", "week", "acled_precision_2", ["National Defence Forces", "Liwaa al-Quds"], ["syrian_government", "russia"], "Al Mayadin"),
    ("acled:SYR-SYN-004", "2020-06-01", "2020-06-30", "month", "acled_precision_3", ["Quds Force", "Hezbollah", "Liwa Fatemiyoun"], ["iran"], "Albu Kamal"),
    ("acled:SYR-SYN-005", "2020-06-24", "2020-06-30", "week", "acled_precision_2", ["Unidentified military forces", "Liwa Fatemiyoun"], ["other", "iran"], "Al Hri"),
    ("acled:SYR-SYN-006", "2020-06-22", "2020-06-22", "day", "acled_precision_1", ["ISIS", "4th Division"], ["isis", "syrian_government"], "Ash Shula"),
    ("acled:SYR-SYN-008", "2020-06-10", "2020-06-10", "day", "acled_precision_1", ["Wagner Group", "Russian forces"], ["russia"], "Khasham"),
    ("acled:SYR-SYN-010", "2020-05-01", "2020-05-31", "month", "acled_precision_3", ["5th Corps"], ["russia"], "Al Mayadin"),
    ("acled:SYR-SYN-011", "2020-05-12", "2020-05-12", "day", "acled_precision_1", ["Al-Baqir Brigade", "Syrian Arab Army"], ["other", "syrian_government"], "Al Quriyah"),
]


@pytest.mark.parametrize("event_id, earliest, latest, granularity, rule, actors, sides, town", ACLED_ROW_CASES,
                         ids=[c[0] for c in ACLED_ROW_CASES])
def test_acled_sample_rows(event_id, earliest, latest, granularity, rule, actors, sides, town):
    frame, _ = _import("acled", ACLED_SAMPLE)
    row = frame.set_index("event_id").loc[event_id]
    assert (str(row.earliest.date()), str(row.latest.date())) == (earliest, latest)
    assert (row.granularity, row.rule, row.date_source) == (granularity, rule, "import")
    assert (row.actors, row.sides, row.town) == (actors, sides, town)


def test_acled_frame_has_exactly_the_schema_columns_and_fields():
    frame, report = _import("acled", ACLED_SAMPLE)
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert (report.rows_read, report.rows_accepted, len(report.rejected)) == (12, 12, 0)
    row = frame.set_index("event_id").loc["acled:SYR-SYN-004"]
    assert row.source_id == "acled" and row.source_file == "acled_sample_synthetic.csv"
    assert (row.lat, row.lon) == (ALBU_KAMAL.lat, ALBU_KAMAL.lon)       # registry town: registry coordinates
    assert row.quote.startswith("SYNTHETIC. In June 2020") and row.outlet == "Deir Ezzor 24"
    assert row.date_text == "15 June 2020" and row.event_type == "headquarters or base established"
    assert frame["earliest"].dtype.kind == "M" and frame["lat"].dtype == "float64"


UCDP_ROW_CASES = [
    # event_id,      earliest,     latest,       granularity, actors,                              town
    ("ucdp:900001", "2020-06-22", "2020-06-22", "day", ["Syrian Arab Army", "ISIS"], "Ash Shula"),
    ("ucdp:900002", "2020-06-15", "2020-06-18", "span", ["SDF", "ISIS"], "Hajin"),
    ("ucdp:900003", "2020-06-08", "2020-06-14", "week", ["ISIS", "Civilians"], "Al Mayadin"),
    ("ucdp:900004", "2020-05-01", "2020-05-31", "month", ["Syrian Arab Army", "ISIS"], "Al Mayadin"),
    ("ucdp:900005", "2020-03-01", "2020-05-31", "span", ["Syrian Arab Army", "ISIS"], "Albu Kamal"),
    ("ucdp:900006", "2020-07-03", "2020-07-03", "day", ["Russian forces", "ISIS"], "Khasham"),
    ("ucdp:900007", "2020-07-01", "2020-07-01", "day", ["Liwa Fatemiyoun", "Local tribes"], "Al Quriyah"),
]


@pytest.mark.parametrize("event_id, earliest, latest, granularity, actors, town", UCDP_ROW_CASES,
                         ids=[c[0] for c in UCDP_ROW_CASES])
def test_ucdp_sample_rows(event_id, earliest, latest, granularity, actors, town):
    frame, _ = _import("ucdp", UCDP_SAMPLE)
    row = frame.set_index("event_id").loc[event_id]
    assert (str(row.earliest.date()), str(row.latest.date()), row.granularity) == (earliest, latest, granularity)
    assert (row.actors, row.town) == (actors, town)
    assert row.rule.startswith("ucdp_date_prec_")


def test_ucdp_unmapped_actor_is_kept_and_listed():
    frame, report = _import("ucdp", UCDP_SAMPLE)
    assert report.unmapped_actors == {"Jaish al-Ashair": 1}
    row = frame.set_index("event_id").loc["ucdp:900008"]
    assert row.actors == ["Jaish al-Ashair", "Civilians"] and row.sides == ["other", "local"]


def test_acled_unmapped_actors_and_towns_are_kept_and_listed():
    frame, report = _import("acled", ACLED_SAMPLE)
    assert report.unmapped_actors == {"Al-Baqir Brigade": 1}
    assert "Albu Kamal" not in report.unmapped_towns and report.unmapped_towns["Deir-ez-Zor"] == 3
    assert len(frame) == 12
    kept = frame.set_index("event_id").loc["acled:SYR-SYN-005"]
    assert (kept.town, kept.lat, kept.lon) == ("Al Hri", 34.387, 40.9946)   # the file's own coordinates
    assert "Al-Baqir Brigade (1 row)" in report.text()
    assert "Unidentified Military Forces -> Unidentified military forces [other] via map:" in report.text()


ACLED_REJECT_CASES = [
    # line, column,           message fragment
    (4, "event_date", "not a date"),
    (5, "time_precision", "must be one of 1..3"),
    (6, "year", "disagrees with event_date 2020-07-03"),
    (7, "latitude", "out of range"),
    (8, "event_id_cnty", "is empty"),
    (9, "event_id_cnty", "duplicate event id (first on line 2;"),
    (10, "fatalities", "not a whole number"),
    (11, "", "expected 31 fields"),
]
UCDP_REJECT_CASES = [
    (4, "date_end", "is before date_start 2020-06-22"),
    (5, "date_prec", "must be one of 1..5"),
    (6, "id", "is empty"),
    (7, "longitude", "not a number"),
]


@pytest.mark.parametrize("kind, path, cases, accepted", [
    ("acled", ACLED_BAD, ACLED_REJECT_CASES, 2), ("ucdp", UCDP_BAD, UCDP_REJECT_CASES, 4)], ids=["acled", "ucdp"])
def test_rejected_rows_have_reasons_and_counts_reconcile(kind, path, cases, accepted):
    frame, report = _import(kind, path)
    got = [(p.line, p.column) for p in report.rejected]
    assert got == [(line, column) for line, column, _ in cases]
    for problem, (_, _, fragment) in zip(report.rejected, cases):
        assert fragment in problem.message
        assert str(problem).startswith(f"{path.name}:{problem.line}")
    assert report.rows_accepted == len(frame) == accepted
    assert report.rows_read == report.rows_accepted + len(report.rejected) and report.reconciles


def test_ucdp_contradictory_precision_is_kept_with_a_warning():
    frame, report = _import("ucdp", UCDP_BAD)
    row = frame.set_index("event_id").loc["ucdp:900105"]
    assert (str(row.earliest.date()), str(row.latest.date())) == ("2020-06-22", "2020-07-01")
    assert [(w.line, w.column) for w in report.warnings] == [(8, "date_prec"), (9, "best")]


def test_missing_column_refuses_the_file():
    data = ACLED_SAMPLE.read_bytes().replace(b"time_precision", b"time_prec", 1)
    with pytest.raises(ImportFileError, match=r"x\.csv:1: missing column\(s\) time_precision"):
        import_bytes("acled", data, "x.csv", refs=REFS)


def test_row_cap_refuses_with_a_clear_message():
    with pytest.raises(ImportFileError, match="more than 5 data rows; the limit is 5"):
        import_bytes("acled", ACLED_SAMPLE.read_bytes(), "big.csv", refs=REFS, max_rows=5)


def test_non_utf8_is_refused_with_its_offset():
    with pytest.raises(ImportFileError, match=r"x\.csv:1: byte 0xff at offset 3"):
        import_bytes("acled", b"abc\xff", "x.csv", refs=REFS)


@pytest.mark.parametrize("path, kind", [(ACLED_SAMPLE, "acled"), (UCDP_SAMPLE, "ucdp")], ids=["acled", "ucdp"])
def test_upload_detects_the_format(path, kind):
    assert detect_kind(path.read_bytes()) == kind
    frame, report = import_upload(path.name, path.read_bytes(), refs=REFS)
    assert report.kind == kind and len(frame) == report.rows_accepted
    with path.open("rb") as stream:
        assert import_upload(path.name, stream, refs=REFS)[1].rows_accepted == report.rows_accepted


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_spreadsheet_delimiters_are_recognised(delimiter):
    text = ACLED_SAMPLE.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    frame, report = import_upload("x.csv", out.getvalue().encode("utf-8-sig"), refs=REFS)
    assert (report.kind, report.rows_accepted) == ("acled", 12)


def test_multiline_cells_keep_physical_line_numbers():
    data = ACLED_SAMPLE.read_bytes().replace(b'"SYNTHETIC. On 4 July', b'"SYNTHETIC.\nOn 4 July', 1)
    data += b"SYR-SYN-999,31 June 2020,2020,1,,,,X,,,,,,,,,,,,,,Hajin,34.7,40.8,,,,,,,\n"
    _, report = import_bytes("acled", data, "x.csv", refs=REFS)
    assert [(p.line, p.column) for p in report.rejected] == [(15, "event_date")]


NOT_CSV_CASES = [
    # leading bytes,                       message fragment
    (b"\x89PNG\r\n\x1a\n....", "PNG image, not a CSV file"),
    (b"PK\x03\x04....", "ZIP archive (an .xlsx workbook is one)"),
    ("event_id_cnty,event_date\n".encode("utf-16"), "UTF-16 text"),
    (b"%PDF-1.7", "PDF document"),
    ("event_id_cnty,event_date\n".encode("utf-16-le"), "UTF-16 text or a binary file"),
]


@pytest.mark.parametrize("data, fragment", NOT_CSV_CASES, ids=["png", "zip", "utf16", "pdf", "utf16-no-bom"])
def test_files_that_are_not_csv_are_named(data, fragment):
    with pytest.raises(ImportFileError, match=re.escape(f"up.csv: {fragment}")):
        import_upload("up.csv", data, refs=REFS)


def test_upload_refuses_oversized_and_unknown_files():
    with pytest.raises(ImportFileError, match="over the 10-byte upload limit"):
        import_upload("a.csv", b"x" * 11, max_bytes=10)
    with pytest.raises(ImportFileError, match="over the 10-byte upload limit"):
        import_upload("a.csv", io.BytesIO(b"x" * 100), max_bytes=10)
    with pytest.raises(ImportFileError, match="neither an ACLED export"):
        import_upload("a.csv", b"name,date\nx,2020-01-01\n")


MAP_CASES = [
    # dataset name,                                                           actor,           side
    ("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps - Quds Force", "Quds Force", "iran"),
    ("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", "IRGC", "iran"),
    ("Kataib Hezbollah", "Kataib Hezbollah", "iran"),
    ("Military Forces of Syria (2000-) 4th Armoured Division", "4th Division", "syrian_government"),
    ("Military Forces of Syria (2000-)", "Syrian Arab Army", "syrian_government"),
    ("NDF: National Defence Forces", "National Defence Forces", "syrian_government"),
    ("Islamic State (Syria)", "ISIS", "isis"),
    ("IS", "ISIS", "isis"),
    ("Sheitat Tribal Militia (Syria)", "Local tribes", "local"),
    ("Hezbollah", "Hezbollah", "iran"),                   # via the registry
    ("Shiite militia of nowhere", "Shiite militia of nowhere", "other"),
]


@pytest.mark.parametrize("name, actor, side", MAP_CASES, ids=[c[0][:40] for c in MAP_CASES])
def test_default_actor_map(name, actor, side):
    hit = ActorMapper(load_actor_map(), REFS)(name)
    assert (hit.actor, hit.sides) == (actor, (side,))


def test_actor_map_override_and_bad_map(tmp_path):
    custom = tmp_path / "map.csv"
    custom.write_text("pattern,match,actor,side\nAl-Baqir,contains,Al-Baqir Brigade,iran\n", encoding="utf-8")
    frame, report = import_file("acled", ACLED_SAMPLE, refs=REFS, actor_map=custom)
    assert "Al-Baqir Brigade" not in report.unmapped_actors
    assert "Military Forces of Russia (2000-)" in report.unmapped_actors      # the default map is replaced
    bad = tmp_path / "bad.csv"
    bad.write_text("pattern,match,actor,side\nX,fuzzy,Y,iran\nZ,exact,Z,martians\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"(?s)bad\.csv:2:match.*bad\.csv:3:side"):
        load_actor_map(bad)


def test_cli_writes_table_and_report(tmp_path, capsys):
    code = importers_main(["acled", str(ACLED_BAD), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1 and "rows read:     10" in out and "rows rejected: 8" in out
    table = pd.read_csv(tmp_path / "events.csv", keep_default_na=False)
    assert list(table.columns) == list(FRAME_COLUMNS) and len(table) == 2
    report = json.loads((tmp_path / "import_report.json").read_text(encoding="utf-8"))
    assert report["rows_read"] == report["rows_accepted"] + report["rows_rejected"] == 10
    assert report["rejected"][0]["text"].startswith("acled_bad_rows_synthetic.csv:4:event_date:")


def test_cli_refused_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "none.csv"
    assert importers_main(["ucdp", str(missing), "--out", str(tmp_path)]) == 2
    assert "file not found" in capsys.readouterr().err


def test_imports_with_the_bundled_registries():
    frame, report = import_file("acled", ACLED_SAMPLE, refs=load_references())
    assert report.reconciles and len(frame) == 12


def _fail(*args, **kwargs):
    raise OSError(28, "No space left on device (simulated)")


def test_cli_never_leaves_a_partial_file(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert importers_main(["ucdp", str(UCDP_SAMPLE), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr("components.io.importers.files._swap", _fail)   # the folder swap fails
    assert importers_main(["acled", str(ACLED_SAMPLE), "--out", str(out)]) == 2
    assert "could not write the results" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before      # the old results, whole
    assert [p.name for p in tmp_path.iterdir()] == ["out"]                # no staging folder left
