"""The rule table's compiled patterns, cached on disk next to the bytecode.

Compiling the table's hundred patterns (44k characters of regex, mostly vocabulary
alternations) costs 0.1-0.3 s per process -- more than a batch of ten thousand phrases
takes to read.  So the first process compiles every pattern once and writes what the
regex compiler produced (its opcode list and group tables) to
``__pycache__/rule_table.<key>.marshal``; later processes rebuild each pattern from that
in microseconds.  Each pattern's entry is kept as its own marshal string, unpacked when
the pattern is first compiled: a run uses a few of the table's patterns (a batch hardly
ever needs the running-text ones), so a start-up no longer unpacks 170,000 opcodes it
never uses (3 of its 5 ms of loading).  The key covers every pattern, the Python version
and the regex engine's version, so a changed table or interpreter recompiles; any problem
(read-only install, an engine that refuses the code) falls back to ``re.compile``.  The
file also holds each rule's possible starts and ends (``rules.edges``).
"""
from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from pathlib import Path

try:                                    # CPython's regex engine; elsewhere: plain re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:                     # pragma: no cover
    _sre = None

FORMAT = 5                              # of the cache file: bumped when its layout changes
_CODES: dict[str, bytes] = {}           # pattern -> marshal of (flags, code, groups, groupindex, indexgroup)


def _entry(pattern: str) -> tuple:
    """What ``re._compiler.compile`` hands the engine, in marshal-able types."""
    parsed = _parser.parse(pattern, 0)
    code = [int(op) for op in _compiler._code(parsed, 0)]
    groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile_pattern(pattern: str) -> re.Pattern:
    """``re.compile(pattern)``, rebuilt from the cache when the table has it."""
    entry = _CODES.get(pattern)
    if entry is not None:
        try:
            return _sre.compile(pattern, *marshal.loads(entry))
        except Exception:               # noqa: BLE001 -- an engine that refuses the code: compile it
            _CODES.pop(pattern, None)
    return re.compile(pattern)


def load(patterns: list[str], edges_of):
    """Load (or build and write) the cache for ``patterns``; return the rule edges (whatever
    ``edges_of`` builds: plain marshal-able values).

    ``edges_of()`` computes the edges when the cache is missing (it also refuses a bad table)."""
    key = f"{FORMAT}-{zlib.crc32(chr(0).join(patterns).encode()):08x}{len(patterns):03d}" \
          f"-{zlib.crc32(sys.version.encode()):08x}-{getattr(_sre, 'MAGIC', 0)}"
    path = Path(__file__).resolve().parent / "__pycache__" / f"rule_table.{key}.marshal"
    try:
        cached = marshal.loads(path.read_bytes())
        _CODES.update(cached["codes"])
        return cached["edges"]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    edges = edges_of()
    if _sre is None:
        return edges
    try:
        codes = {pattern: marshal.dumps(_entry(pattern)) for pattern in patterns}
    except Exception:                   # noqa: BLE001 -- an engine we cannot read: plain compile
        return edges
    _CODES.update(codes)
    try:
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps({"codes": codes, "edges": edges}))
        os.replace(tmp, path)
    except OSError:
        pass                            # a read-only install compiles as it goes
    return edges
