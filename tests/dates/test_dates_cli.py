"""The date normalizer's command line: normalize (one JSON object) and batch (one line out per line in)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.dates.__main__ import _batch_line

REPO = Path(__file__).resolve().parents[2]


def _run(args, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "components.dates", *args], input=stdin, cwd=REPO,
                          capture_output=True, timeout=120)


def test_normalize_prints_one_json_object():
    done = _run(["normalize", "last week", "--anchor", "2020-08-19"])
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["start"] == "2020-08-10" and result["end"] == "2020-08-16"


def test_normalize_window_and_context():
    done = _run(["normalize", "on Saturday", "--anchor", "2020-07-06/2020-07-08", "--context", "He will arrive on Saturday."])
    result = json.loads(done.stdout)
    assert (result["start"], result["direction"]) == ("2020-07-11", "future")


BATCH_LINES = [
    # input line, expected resolved, expected error fragment
    (json.dumps({"text": "last week", "anchor": "2020-08-19"}), True, ""),
    (json.dumps({"text": "on Saturday", "anchor": "2020-07-06", "context": "It will come on Saturday."}), True, ""),
    ("not json at all", False, "invalid JSON"),
    ("", False, "empty input line"),
    ("   ", False, "empty input line"),
    ("[1, 2]", False, "must be a JSON object"),
    (json.dumps({"text": "last week"}), False, "'anchor'"),
    (json.dumps({"anchor": "2020-08-19"}), False, "'text'"),
    (json.dumps({"text": 5, "anchor": "2020-08-19"}), False, "'text'"),
    (json.dumps({"text": "last week", "anchor": "yesterday"}), False, "bad anchor"),
    (json.dumps({"text": "gibberish words", "anchor": "2020-08-19"}), False, "no date rule"),
    (json.dumps({"text": "x" * 200_000, "anchor": "2020-08-19"}), False, "too long"),
    ("{" * 100_000, False, "invalid JSON"),
    ("x" * 2_000_001, False, "too long"),
]


@pytest.mark.parametrize("line, resolved, fragment", BATCH_LINES, ids=[f"line{i}" for i in range(len(BATCH_LINES))])
def test_batch_line_always_answers(line, resolved, fragment):
    out = json.loads(_batch_line(line))
    assert out["resolved"] is resolved and fragment in out["error"]


def test_batch_keeps_one_line_per_input_line_in_order():
    lines = [case[0] for case in BATCH_LINES] + ["\xff\xfe broken utf-8"]
    stdin = "\n".join(lines).encode("utf-8", errors="surrogateescape") + b"\n\xff\xfe\n"
    done = _run(["batch"], stdin)
    outputs = done.stdout.decode("utf-8").splitlines()
    assert done.returncode == 0
    assert len(outputs) == len(lines) + 1
    assert [json.loads(o)["resolved"] for o in outputs[: len(BATCH_LINES)]] == [case[1] for case in BATCH_LINES]
    assert json.loads(outputs[0])["start"] == "2020-08-10"



@pytest.mark.parametrize("field", ["text", "anchor", "context"])
def test_batch_answers_a_lone_surrogate_and_the_lines_around_it(field):
    """JSON allows an escaped lone surrogate ("\\ud800") that UTF-8 cannot encode: it is
    answered as its JSON escape, and the rest of the chunk is not lost with it."""
    row = {"text": "last week", "anchor": "2020-07-06", "context": "He came last week."}
    row[field] = row[field] + "\ud800"
    good = json.dumps({"text": "last week", "anchor": "2020-07-06"})
    done = _run(["batch"], "\n".join([good, json.dumps(row), good]).encode() + b"\n")
    assert done.returncode == 0, done.stderr.decode()[-300:]
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(answers) == 3 and answers[0]["resolved"] and answers[2]["resolved"]
    assert answers[1]["text"] == row["text"] and answers[1]["anchor"] == row["anchor"][:64]


JSON_CASES = [  # (phrase, anchor, context): resolved, windowed, modified, ranged, Arabic, unresolved
    ("last week", "2020-07-05/2020-07-08", ""),
    ("late 2017", "2020-07-06", ""),
    ('about "early" March', "2020-07-06", "It said \\ so."),
    ("from March to May 2019", "2020-07-06", ""),
    ("الأسبوع الماضي", "2020-07-06", ""),
    ("on Saturday", "2020-07-06", "Il viendra «on Saturday»."),
    ("gibberish\u2028words", "2020-07-06", ""),
    ("two days later", "2020-07-06", "He said it ended two days later."),
]


@pytest.mark.parametrize("phrase, anchor, context", JSON_CASES)
def test_to_json_is_the_generic_encoding_of_to_dict(phrase, anchor, context):
    from components.dates import normalize_date

    result = normalize_date(phrase, anchor, context)
    assert result.to_json() == json.dumps(result.to_dict(), ensure_ascii=False)


def test_batch_across_chunks_answers_every_line(monkeypatch, capsys):
    import io
    from components.dates import __main__ as cli

    lines = [json.dumps({"text": f"{n} days ago", "anchor": "2020-07-06"}) for n in range(1, 40)]
    monkeypatch.setattr(cli, "CHUNK", 64)       # a few lines per chunk
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("\r\n".join(lines)).encode())))
    assert cli.main(["batch"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a["text"] for a in answers] == [f"{n} days ago" for n in range(1, 40)]
    assert answers[-1]["start"] == "2020-05-28"


@pytest.mark.parametrize("phrase, anchor, context", JSON_CASES[:6])
def test_resolved_result_equals_the_dataclass_built_by_keywords(phrase, anchor, context):
    from dataclasses import fields

    from components.dates import normalize_date
    from components.dates.model import DateResult

    result = normalize_date(phrase, anchor, context)
    assert type(result) is DateResult
    assert result == DateResult(**{f.name: getattr(result, f.name) for f in fields(DateResult)})
    with pytest.raises(AttributeError):      # frozen like any other (FrozenInstanceError)
        result.text = "changed"


@pytest.mark.parametrize("line", ['{"text": "May", "anchor": "2020-01-01"}', '{"a": {"b": [1, 2.5, null]}, "a": 3}',
                                  '{"text": "x"}   ', '{"text": "x"} {"y": 1}', '\ufeff{"text": "x"}', '{"text": "\\u00e9"}',
                                  '{"text": NaN}', "{'text': 1}", "{", '{"a": 1,}'])
def test_batch_object_fast_path_agrees_with_json_loads(line):
    from components.dates.__main__ import _object

    try:
        expected = json.loads(line)
    except ValueError:
        expected = None
    fast = _object(line)
    assert fast is None or fast == expected          # None: json.loads decides (and words any error)
    if isinstance(expected, dict) and line.startswith("{") and line.endswith("}"):
        assert fast == expected
