"""The fast path of a convert: DuckDB splits the file into cells itself.

The Python path (`reading.text_records` → `staging.stage_rows`) handles every messy file, row
by row. Most files are not messy, and for them DuckDB's own CSV reader gives the same cells an
order of magnitude faster. This module tries that first and says "no" (returns None) as soon
as anything could make the result differ from the Python path, which then runs as before:

- Which files: text files only, without a list of items in a cell (群接龙). A UTF-8 file on
  disk is read by DuckDB directly (in parallel); any other encoding, a gzip file or an upload
  held in memory is decoded by a thread in large chunks (the C codecs) and handed to DuckDB
  through a named pipe in the staging folder, so the clear text never lands on disk.
- Strict reading: no sniffing, every cell as text, a fixed number of fields per line,
  RFC 4180 quotes, lines of at most 64 KiB. Ragged rows, stray quotes, over-long lines and
  undecodable bytes make DuckDB fail, and the Python path runs.
- Exact line numbers: a line's number is the header's plus its position in DuckDB's output
  (insertion order is kept). That holds only when every record is one physical line and
  none is skipped; a byte scan (run alongside DuckDB) counts the physical lines, and the
  counts must agree. The scan also refuses what DuckDB would read differently from Python's
  `csv`: NUL bytes, U+FFFD (Python marks such rows undecodable), a bare CR, and a space next to
  a quote (DuckDB trims it, `csv` keeps it).
- Personal data is settled in the same projection that reads the cells, before anything is
  stored: phones masked, phones used as ids replaced by the same HMAC-SHA256 as
  `privacy.hash_phone` (computed with DuckDB's `sha256`: the key's inner and outer pads are
  bound as parameters), and mobile numbers in other person columns hashed or masked. Cells in
  the plain form (ASCII digits, spaces, `+`, `-`) are done in SQL; any other cell that might
  hold a phone (a regular expression that matches whenever `privacy.MOBILE` can, and more)
  goes through the very Python function the slow path uses, as a DuckDB function. A cell
  that would reject its row (a masked phone as an id …) sends the file to the Python path.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import logging
import os
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from siyu.ingest import sqlgen
from siyu.ingest.errors import ImportRefused, Limits
from siyu.ingest.presets import ADD_WAY
from siyu.ingest.reading import Opened, RawFile
from siyu.ingest.sqlgen import ConvertSql, FastSource
from siyu.ingest.staging import Input, RowProblem
from siyu.schema import quote_ident, quote_literal

log = logging.getLogger(__name__)

ENABLED = True  # tests switch it off to compare with the Python path
MAX_LINE_BYTES = 65_536  # ≤ reading.MAX_FIELD_CHARS: no cell of a shorter line is too long
CHUNK = 1 << 24
ROW_PROBLEM = "\x00siyu:row-problem"  # never a cell: a file with NUL bytes is not read here

# Python's str.strip() removes exactly these (str.isspace(); a test checks the list).
PY_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Matches wherever `privacy.MOBILE` can match (a superset): no look-around in RE2, so a digit
# is any ASCII digit or non-ASCII character, a boundary anything but an ASCII digit (or the 6
# of a +86 prefix), a separator an ASCII space or dash or any non-ASCII character.
_D = "[0-9\\x{80}-\\x{10FFFF}]"
_S = "[-\\t-\\r\\x1c-\\x1f \\x{80}-\\x{10FFFF}]"
MAYBE_MOBILE = f"(?:^|[^0-9]|6)[1１][3-9３-９]{_D}{_S}?{_D}{{4}}{_S}?{_D}{{4}}(?:[^0-9]|$)"
_PLAIN_PHONE = "[0-9 +\\-]*"  # ASCII only: Python's strip, NFKC and \D agree with SQL's here

# Operations on a staged cell (`pipeline._cell_ops`) this module can do in SQL.
FAST_OPS = frozenset({None, "const", "mask", "hash", "id_scrub", "scrub", "channel"})


@dataclass
class CellPlan:
    """What to stage for one input: its rewrite and scrub operations and their Python form."""

    rewrite: str | None  # const, mask, hash, items_product, items_quantity, channel
    scrub: str | None  # id_scrub, scrub
    python: Callable[[str], str] | None  # rewrite then scrub, exactly as the slow path does
    const: str | None = None
    rewrite_fn: Callable[[str], str] | None = None  # the Python path's functions
    scrub_fn: Callable[[str], str] | None = None


# ---------------------------------------------------------------------------------------------
# The byte scan


class Scanner:
    """Counts physical lines and notices what DuckDB would read unlike Python's csv."""

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter.encode("utf-8")
        d = re.escape(self.delimiter)
        # Where a cell might be quoted with spaces around it (`a, "b"`): a cheap search whose
        # hits (rare) are looked at line by line (`_padded_quote`).
        self.maybe_padded = re.compile(rb"(?:^|[\r\n" + d + rb']) +"|" +(?:$|[\r\n' + d + rb"])")
        self.newlines = 0
        self.content_newlines = -1  # newlines before the last byte that is not \r or \n
        self.cr = 0
        self.crlf = 0
        self.tail = b""
        self.carry = b""  # the unfinished last line, for the quote check
        self.problem: str | None = None

    def feed(self, b: bytes) -> None:
        if self.problem is not None or not b:
            return
        edge = self.tail + b[:2]
        if b"\x00" in b:
            self.problem = "nul"
        elif b"\xef\xbf\xbd" in b or b"\xef\xbf\xbd" in edge:
            self.problem = "replacement character"
        else:
            cut = b.rfind(b"\n") + 1
            self._quotes(self.carry + b[:cut] if cut else b"")
            self.carry = (self.carry + b[cut:]) if cut == 0 else b[cut:]
            if len(self.carry) > 4 * MAX_LINE_BYTES:
                self.problem = "line too long"
        if self.problem is not None:
            return
        if b"\r" in b:
            self.cr += b.count(b"\r")
            self.crlf += b.count(b"\r\n")
        if self.tail.endswith(b"\r") and b.startswith(b"\n"):
            self.crlf += 1
        n = b.count(b"\n")
        stripped = len(b.rstrip(b"\r\n"))
        if stripped:
            self.content_newlines = self.newlines + n - b.count(b"\n", stripped)
        self.newlines += n
        self.tail = (self.tail + b[-2:])[-2:]

    def _quotes(self, lines: bytes) -> None:
        """Whole lines: does one hold a quoted cell with spaces around it?"""
        if not lines or (b' "' not in lines and b'" ' not in lines):
            return
        done = -1
        for m in self.maybe_padded.finditer(lines):
            start = lines.rfind(b"\n", 0, m.start()) + 1
            if start <= done:
                continue
            end = lines.find(b"\n", m.start())
            end = len(lines) if end < 0 else end
            done = end
            if _padded_quote(lines[start:end].rstrip(b"\r"), self.delimiter):
                self.problem = "space next to a quote"
                return

    def records(self) -> int | None:
        """Physical lines up to the last one with content; None when the file cannot go fast."""
        if self.problem is None and self.carry:
            self._quotes(self.carry)
            self.carry = b""
        if self.problem is not None:
            return None
        if self.cr != self.crlf:
            self.problem = "bare carriage return"
            return None
        return self.content_newlines + 1


def _padded_quote(line: bytes, delim: bytes) -> bool:
    """True when a cell of the line (read as csv reads it) is a quoted cell with spaces before
    its opening or after its closing quote, which DuckDB drops and csv keeps."""
    i, n = 0, len(line)
    while i <= n:
        j = i
        while j < n and line[j : j + 1] == b" ":
            j += 1
        if j < n and line[j : j + 1] == b'"':
            if j > i:
                return True
            k = j + 1
            while True:  # the closing quote ("" is a quote inside the cell)
                k = line.find(b'"', k)
                if k < 0:
                    return False  # an unclosed quote: not this check's business
                if line[k + 1 : k + 2] == b'"':
                    k += 2
                    continue
                break
            m = k + 1
            while m < n and line[m : m + 1] == b" ":
                m += 1
            if m > k + 1 and (m == n or line[m : m + 1] == delim):
                return True
            nxt = line.find(delim, k + 1)
        else:
            nxt = line.find(delim, i)
        if nxt < 0:
            return False
        i = nxt + len(delim)
    return False


def _scan_file(path: Path, scanner: Scanner) -> None:
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            scanner.feed(chunk)
            if scanner.problem is not None:
                return


class _Feeder(threading.Thread):
    """Decodes the file in large chunks and writes it as UTF-8 into a named pipe."""

    def __init__(self, raw: RawFile, codec: str, fifo: Path, scanner: Scanner) -> None:
        super().__init__(daemon=True, name="siyu-fast-feeder")
        self.raw, self.codec, self.fifo, self.scanner = raw, codec, fifo, scanner
        self.done = False
        self.opened = threading.Event()

    def run(self) -> None:
        try:
            fd = os.open(self.fifo, os.O_WRONLY)
            self.opened.set()
            with os.fdopen(fd, "wb") as out, self.raw.open() as src:
                dec = codecs.getincrementaldecoder(self.codec)("strict")
                while True:
                    chunk = src.read(CHUNK)
                    data = dec.decode(chunk, final=not chunk).encode("utf-8")
                    self.scanner.feed(data)
                    if self.scanner.problem is not None:
                        return
                    out.write(data)
                    if not chunk:
                        break
            self.done = True
        except Exception as exc:  # undecodable bytes, a broken gzip, DuckDB gone: no fast path
            if self.scanner.problem is None:
                self.scanner.problem = f"feeder: {type(exc).__name__}"

    def stop(self) -> None:
        """End a writer DuckDB left (it failed, or never opened the pipe), then wait for it:
        a reader that comes and goes lets a waiting open() return and the next write fail."""
        while self.is_alive():
            try:
                fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
            except OSError:
                break
            self.opened.wait(1)
            os.close(fd)
            self.join(timeout=1)


# ---------------------------------------------------------------------------------------------
# Cells in SQL


def _hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\x00")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def _phone_digits_sql(x: str) -> str:
    """privacy.phone_digits of a plain (ASCII) phone cell."""
    d = f"regexp_replace({x}, '[^0-9]', '', 'g')"
    return (
        f"case when strlen({d}) = 13 and starts_with({d}, '86') then substr({d}, 3) "
        f"when strlen({d}) = 15 and starts_with({d}, '0086') then substr({d}, 5) else {d} end"
    )


def _cell_sql(x: str, plan: CellPlan, udf: str | None) -> str:
    """The staged text of one cell from its raw text `x` (NULL when empty)."""
    lit = quote_literal
    plain = f"regexp_full_match({x}, {lit(_PLAIN_PHONE)})"
    blank = f"trim({x}) = ''"
    # A mobile number has 11 digits, the first a 1: cheap tests before the expression.
    maybe = (
        f"(strlen({x}) >= 11 and (contains({x}, '1') or contains({x}, '１')) "
        f"and regexp_matches({x}, {lit(MAYBE_MOBILE)}))"
    )
    if plan.rewrite == "const":
        return lit(plan.const or "")
    if plan.rewrite == "mask":
        digits = _phone_digits_sql(x)
        masked = (
            f"case when strlen({digits}) < 9 then '****' "
            f"else left({digits}, 3) || '****' || right({digits}, 4) end"
        )
        return (
            f"case when {plain} and {blank} then {x} when {plain} then {masked} else {udf}({x}) end"
        )
    if plan.rewrite == "hash":
        digits = _phone_digits_sql(x)
        hashed = (
            f"'ph_' || left(sha256($siyu_opad || unhex(sha256($siyu_ipad || "
            f"encode({digits})))), 16)"
        )
        enough = f"strlen(regexp_replace({x}, '[^0-9]', '', 'g')) >= 7"
        return (
            f"case when {plain} and {blank} then {x} when {plain} and {enough} then {hashed} "
            f"else {udf}({x}) end"
        )
    if plan.rewrite == "channel":
        stripped = f"trim({x}, {lit(PY_SPACE)})"
        labels = " ".join(f"when {lit(k)} then {lit(v)}" for k, v in ADD_WAY.items())
        return f"case when {maybe} then {udf}({x}) else coalesce(case {stripped} {labels} end, {x}) end"
    if plan.scrub == "id_scrub":
        stars = f"(contains({x}, '*') or contains({x}, '＊'))"
        return f"case when {stars} or {maybe} then {udf}({x}) else {x} end"
    if plan.scrub == "scrub":
        return f"case when {maybe} then {udf}({x}) else {x} end"
    return x


def _python_cell(fn: Callable[[str], str]) -> Callable[[str], str]:
    def cell(value: str) -> str:
        try:
            return fn(value)
        except RowProblem:
            return ROW_PROBLEM

    return cell


# ---------------------------------------------------------------------------------------------
# Loading


def eligible(opened: Opened, plans: list[CellPlan]) -> bool:
    if not ENABLED or opened.fmt != "text" or opened.codec is None or not hasattr(os, "mkfifo"):
        return False
    return all(p.rewrite in FAST_OPS and p.scrub in FAST_OPS for p in plans)


def _direct(raw: RawFile, codec: str) -> bool:
    """DuckDB reads the file itself: UTF-8 (with or without BOM) on disk, not compressed."""
    return codec in ("utf-8-sig", "utf-8") and isinstance(raw.data, Path) and not raw.gzipped


class FastRead:
    """A file being read by DuckDB: the relation for `sqlgen`, and what checks it afterwards."""

    def __init__(self, raw: RawFile, header_line: int, delimiter: str, work: Path) -> None:
        self.raw = raw
        self.header_line = header_line
        self.scanner = Scanner(delimiter)
        self.token = uuid.uuid4().hex[:10]
        self.params: dict[str, bytes] = {}
        self.udfs: list[str] = []
        self.feeder: _Feeder | None = None
        self.scan: threading.Thread | None = None
        self.pipe: Path | None = None
        self.path: Path = work / f"fast-{self.token}.pipe"
        self.source: FastSource | None = None

    def start(self, codec: str) -> None:
        if _direct(self.raw, codec):
            self.path = Path(self.raw.data)  # type: ignore[arg-type]
            self.scan = threading.Thread(
                target=_scan_file, args=(self.path, self.scanner), daemon=True
            )
            self.scan.start()
        else:
            os.mkfifo(self.path, 0o600)
            self.pipe = self.path
            self.feeder = _Feeder(self.raw, codec, self.path, self.scanner)
            self.feeder.start()

    def verify(self, cur: duckdb.DuckDBPyConnection, table: str, limits: Limits) -> int | None:
        """The number of data rows once `table` is loaded; None when the result could differ
        from the Python path's. Raises `ImportRefused` over the row limit, as it does."""
        if self.feeder is not None:
            self.feeder.join()
        if self.scan is not None:
            self.scan.join()
        total, rows, flagged = cur.execute(
            f"select count(*), count(*) filter (where not siyu_blank), "
            f"coalesce(bool_or(siyu_flag), false) from {quote_ident(table)}"
        ).fetchone()
        records = self.scanner.records()
        if self.feeder is not None and not self.feeder.done:
            records = None
        if records is None or flagged or total != records - self.header_line:
            why = self.scanner.problem or (
                "a cell rejects its row or too many fields"
                if flagged
                else f"{total} rows for {records} lines"
            )
            log.info("python path for %s: %s", self.raw.filename, why)
            return None
        if rows > limits.max_rows:
            raise ImportRefused("ingest.refused.too_many_rows", max_rows=f"{limits.max_rows:,}")
        return int(rows)

    def close(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.scanner.problem = self.scanner.problem or "stopped"  # a scan still running ends
        if self.feeder is not None:
            self.feeder.stop()
        if self.scan is not None:
            self.scan.join()
        if self.pipe is not None:
            self.pipe.unlink(missing_ok=True)
        for udf in self.udfs:
            with contextlib.suppress(Exception):
                cur.remove_function(udf)


def prepare(
    cur: duckdb.DuckDBPyConnection,
    opened: Opened,
    raw: RawFile,
    header_row: int,
    headers: list[str],
    inputs: list[Input],
    plans: list[CellPlan],
    key: Callable[[], bytes],
    work: Path,
) -> FastRead | None:
    """Start reading the file with DuckDB, or None when it must take the Python path.

    The caller runs `sqlgen.build(fast=read.source)`'s load statements (binding
    `read.params`), then `read.verify`, and always `read.close`.
    """
    if not eligible(opened, plans):
        return None
    for _, cells, problem in opened.sample[: header_row + 1]:
        if problem is not None or any("\n" in c or "\r" in c for c in cells or ()):
            return None  # a record above the data spans lines: DuckDB's skip would differ
    header_line, header_cells = opened.sample[header_row][0], opened.sample[header_row][1] or []
    width = len(headers)
    fields = max(len(header_cells), width)
    read = FastRead(raw, int(header_line), opened.delimiter or ",", work)
    if any(p.rewrite == "hash" for p in plans):
        try:
            read.params["siyu_ipad"], read.params["siyu_opad"] = _hmac_pads(key())
        except ImportRefused:
            return None  # the Python path asks for the key only when a phone needs it
    cells, checks = [], ["siyu_extra"]
    for n, (inp, plan) in enumerate(zip(inputs, plans, strict=True)):
        udf = None
        if plan.python is not None and plan.rewrite != "const":
            udf = f"siyu_fast_{read.token}_{n}"
            cur.create_function(
                udf, _python_cell(plan.python), ["VARCHAR"], "VARCHAR", side_effects=False
            )
            read.udfs.append(udf)
            if plan.rewrite == "hash" or plan.scrub == "id_scrub":
                checks.append(
                    f"coalesce({quote_ident(f'c{n}')} = {quote_literal(ROW_PROBLEM)}, false)"
                )
        x = quote_ident(f"f{inp.index}") if inp.index is not None else "null"
        cells.append(f"{_cell_sql(x, plan, udf)} as {quote_ident(f'c{n}')}")
    raw_cols = [quote_ident(f"f{i}") for i in range(fields)]
    blank = " and ".join(f"{c} is null" for c in raw_cols)
    extra = " or ".join(f"{c} is not null" for c in raw_cols[width:]) or "false"
    spec = "{" + ", ".join(f"'f{i}': 'VARCHAR'" for i in range(fields)) + "}"
    read.start(opened.codec or "utf-8")
    csv = (
        f"read_csv({quote_literal(str(read.path))}, header = false, auto_detect = false, "
        f"skip = {int(header_line)}, delim = {quote_literal(opened.delimiter or ',')}, "
        f"quote = '\"', escape = '\"', columns = {spec}, strict_mode = true, "
        f"null_padding = false, max_line_size = {MAX_LINE_BYTES}, parallel = true)"
    )
    relation = (
        f"(select * exclude (siyu_extra), ({' or '.join(checks)}) as siyu_flag from "
        f"(select {', '.join(cells)}, ({blank}) as siyu_blank, ({extra}) as siyu_extra "
        f"from {csv}))"
    )
    read.source = FastSource(relation, int(header_line) + 1)
    return read


def load(
    cur: duckdb.DuckDBPyConnection,
    read: FastRead,
    build: Callable[[FastSource], ConvertSql],
    limits: Limits,
) -> tuple[int, ConvertSql] | tuple[None, None]:
    """(data rows, statements) with the stage loaded by DuckDB's reading of the file;
    (None, None) when the file must take the Python path (nothing is left over then)."""
    rows = built = None
    try:
        built = build(read.source)
        for n, stmt in enumerate(built.load):
            cur.execute(stmt, read.params if n == 0 and read.params else None)
        rows = read.verify(cur, built.check, limits)
        if rows is not None and built.check == "siyu_fast":
            cur.execute("drop table siyu_fast")  # the stage holds the cells now
    except duckdb.Error as exc:  # DuckDB's strict reading refused the file
        log.info("python path for %s: %s", read.raw.filename, str(exc).splitlines()[0][:200])
    finally:
        read.close(cur)
        if rows is None:
            for stmt in sqlgen.CLEANUP:
                cur.execute(stmt)
    return (rows, built) if rows is not None else (None, None)
