"""Command line for the date normalizer.

    python -m components.dates normalize "last week" --anchor 2020-07-06[/2020-07-08] [--context "..."]
    python -m components.dates batch < in.jsonl > out.jsonl
    python -m components.dates bench [--json] [--gold PATH] [--arabic-gold PATH] [--no-arabic]

Adding a subcommand = one ``_cmd_x(args) -> int`` function plus one entry in ``COMMANDS``
(name -> (function, help, argument adder)).
"""
from __future__ import annotations

import gc
import json
import json.decoder
import json.scanner
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # imported by ``build_parser`` only
    import argparse

from .model import Anchor, DateResult
from .normalize import MAX_CHARS, normalize_date

MAX_LINE = 1_000_000  # longer batch lines are answered with an error without being parsed


def _cmd_normalize(args: argparse.Namespace) -> int:
    result = normalize_date(args.text, args.anchor, args.context, direction=args.direction)
    print(result.to_json())
    return 0  # unresolved phrases are an answer too (resolved=false + error), not a failure


_SCAN = json.scanner.make_scanner(json.decoder.JSONDecoder())


def _object(line: str) -> dict | None:
    """``json.loads(line)`` for the usual line, a JSON object with nothing around it, without
    the wrapper's checks (half the parse time); None for anything else, which
    ``json.loads`` then parses, or refuses with its own message."""
    if line[:1] != "{":
        return None
    try:
        row, end = _SCAN(line, 0)
    except (StopIteration, ValueError, RecursionError):
        return None
    return row if end == len(line) else None


def _failed(reason: str, text="", anchor="") -> str:
    return DateResult(text=str(text)[:MAX_CHARS], anchor=str(anchor)[:64], resolved=False, error=reason).to_json()


def _batch_line(line: str) -> str:
    """One JSONL input line -> one JSON output line; never raises."""
    if len(line) > MAX_LINE:
        return _failed(f"input line too long ({len(line)} characters)")
    if line[:1] != "{" and not line.strip():      # (an object's line is not blank: no copy to strip)
        return _failed("empty input line")
    row = _object(line)
    if row is None:
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as err:
            return _failed(f"invalid JSON: {str(err)[:100]}")
    if not isinstance(row, dict):
        return _failed(f"input line must be a JSON object, not {type(row).__name__}")
    text, anchor = row.get("text"), row.get("anchor", row.get("dct"))
    if not isinstance(text, str) or not isinstance(anchor, str):
        return _failed("each line needs string fields 'text' and 'anchor'", text if isinstance(text, str) else "",
                      anchor if isinstance(anchor, str) else "")
    context = row.get("context", row.get("sentence", ""))
    direction = row.get("direction")
    try:
        result = normalize_date(text, anchor, context if isinstance(context, str) else "",
                                direction=direction if direction in ("past", "future") else None)
    except Exception as err:  # noqa: BLE001 -- the batch contract is one answer per line, whatever happens
        return _failed(f"internal error {type(err).__name__}: {str(err)[:100]}", text, anchor)
    return result.to_json()


CHUNK = 1 << 20  # bytes of input lines read (and answers written) at a time


def _cmd_batch(args: argparse.Namespace) -> int:
    """Lines are read and answered a megabyte at a time: one read and one write per chunk,
    not per line (a tenth of the command's time on short lines), memory bounded by the chunk."""
    stream, out = sys.stdin.buffer, sys.stdout
    while True:
        chunk = stream.readlines(CHUNK)
        if not chunk:
            break
        text = b"".join(chunk).decode("utf-8", errors="replace").split("\n")
        if not text[-1]:
            text.pop()                      # the newline after the last line
        out.write("".join([_batch_line(line.rstrip("\r")) + "\n" for line in text]))
    out.flush()
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench  # imports dateparser lazily

    return run_bench(args)


def _cmd_find(args: argparse.Namespace) -> int:
    """Date phrases in running text (FILE or stdin): one JSON object per phrase, in text order."""
    from .extract import find_dates

    try:
        anchor = Anchor.of(args.anchor)
    except (ValueError, TypeError) as err:
        print(f"error: bad --anchor {args.anchor!r}: {err}", file=sys.stderr)
        return 2
    if args.file:
        try:
            raw = Path(args.file).read_bytes()
        except OSError as err:
            print(f"error: {args.file}: {err.strerror or err}", file=sys.stderr)
            return 2
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:  # say where, no traceback
            line = raw[: err.start].count(b"\n") + 1
            print(f"error: {args.file}:{line}: byte 0x{raw[err.start:err.end].hex()} at offset {err.start} "
                  "is not UTF-8; save the file as UTF-8", file=sys.stderr)
            return 2
    else:
        text = sys.stdin.read()
    try:
        found = find_dates(text, anchor)
    except ValueError as err:  # bad anchor or oversized text: say so, no traceback
        print(f"error: {err}", file=sys.stderr)
        return 2
    for phrase in found:
        print(json.dumps(phrase.to_dict(), ensure_ascii=False))
    return 0


def _add_normalize(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", help="the date phrase, e.g. 'last week'")
    p.add_argument("--anchor", required=True, help="publication date YYYY-MM-DD or window YYYY-MM-DD/YYYY-MM-DD")
    p.add_argument("--context", default="", help="the sentence around the phrase (tense decides direction)")
    p.add_argument("--direction", choices=("past", "future"), default=None, help="force the direction")


def _add_batch(p: argparse.ArgumentParser) -> None:
    p.description = "JSONL in (text, anchor, optional context/direction), JSONL out: one line per input line."


def _add_bench(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--gold", default=None, help="gold JSONL (default: ../shared/benchmarks/timebank_dates.jsonl)")
    p.add_argument("--no-dateparser", action="store_true", help="skip the dateparser comparison")
    p.add_argument("--arabic-gold", default=None, help="Arabic gold JSONL (default: benchmarks/arabic_dates.jsonl)")
    p.add_argument("--no-arabic", action="store_true", help="skip the Arabic set")


COMMANDS = {
    "normalize": (_cmd_normalize, "normalize one phrase, print one JSON object", _add_normalize),
    "batch": (_cmd_batch, "normalize JSONL from stdin to stdout", _add_batch),
    "bench": (_cmd_bench, "accuracy and speed on TimeBank, against dateparser", _add_bench),
    "find": (_cmd_find, "find date phrases in a text (FILE or stdin), one JSON object per phrase",
             lambda p: (p.add_argument("file", nargs="?", help="UTF-8 text file (default: stdin)"),
                        p.add_argument("--anchor", required=True, help="publication date or window"))),
}


def build_parser() -> argparse.ArgumentParser:
    import argparse  # only here: importing it and building the parser is 5 ms, a plain ``batch`` needs neither

    parser = argparse.ArgumentParser(prog="python -m components.dates", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (func, help_text, add_arguments) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        add_arguments(p)
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A lone surrogate ("\\ud800" in a JSON line, an undecodable byte in an argument) cannot be
    # written as UTF-8: it goes out as its JSON escape instead of ending the whole batch.
    sys.stdout.reconfigure(errors="backslashreplace")
    if (sys.argv[1:] if argv is None else argv) == ["batch"]:   # no options to parse: skip argparse (start-up)
        return _cmd_batch(None)
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    # The process ends when ``main`` returns, so the modules and tables imported so far live
    # until exit: frozen, neither a collection nor the exit's teardown walks them again (1% of a batch).
    gc.freeze()
    sys.exit(main())
