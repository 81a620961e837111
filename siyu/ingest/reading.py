"""Reading a file as rows of text: format, encoding, delimiter, header row, XLSX sheets.

Everything here streams: a text file is decoded through `io.TextIOWrapper` and split by the
C `csv` module line by line; an XLSX sheet is read with openpyxl's read-only mode. A record is
yielded as `(line, cells, problem)`: `line` is the row number a spreadsheet user sees
(1-based, title and blank rows included), `problem` a row-reason `(key, params)` or None.

Bombs are stopped while the bytes stream in: a gzip file is cut off once it unpacks to more
than the unpacked limit (`RawFile.max_unpacked`), a text line is read at most
`MAX_LINE_CHARS + 1` characters at a time (a longer one is skipped, never held whole), and an
XLSX workbook is refused when its members declare more than the unpacked limit or when any
text run of its XML (a cell, an attribute) is longer than `MAX_XML_RUN` bytes — checked on
the compressed members as openpyxl reads them, before a cell is ever built.

Encoding detection (DuckDB cannot decode GBK or Big5 here): a BOM decides UTF-8/UTF-16; else
strict UTF-8; else GB18030 and Big5 are both tried and the one whose text is plausible Chinese
wins — the share of its CJK characters that are common ones (GB2312 level 1 or Big5 level 1)
— because GB18030 decodes almost any bytes without error.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from siyu.ingest.aliases import alias_hits
from siyu.ingest.errors import ImportRefused

MAX_LINE_CHARS = 1_000_000  # a physical line longer than this is rejected without parsing
MAX_FIELD_CHARS = 65_536  # a cell longer than this rejects its row
MAX_RECORD_LINES = 1_000  # a quoted cell spanning more lines than this is an unclosed quote
MAX_COLUMNS = 1_000
# A cell or attribute of a workbook's XML: at most this many bytes (a cell of MAX_FIELD_CHARS
# characters takes at most 16 bytes each as UTF-8 or a character reference).
MAX_XML_RUN = 16 * MAX_FIELD_CHARS
SAMPLE_BYTES = 256 * 1024
HEADER_SCAN_ROWS = 50
MAX_SHEETS_SCORED = 30
DELIMITERS = (",", "\t", ";", "|")

Problem = tuple[str, dict[str, Any]]
Record = tuple[int, list[str] | None, Problem | None]

# ---------------------------------------------------------------------------------------------
# The raw file


def _unpacked_limit() -> int:
    from siyu.config import settings

    return settings().max_unpacked_mb * 1024 * 1024


def _refuse_unpacked(limit: int) -> ImportRefused:
    return ImportRefused("ingest.refused.too_big_unpacked", max_mb=f"{limit / 1024 / 1024:g}")


class _Capped(io.BufferedIOBase):
    """A gzip stream that refuses the file once it has unpacked to more than `limit` bytes
    (its position in the unpacked bytes passes the limit, whatever reads or seeks took it)."""

    def __init__(self, inner: IO[bytes], limit: int) -> None:
        self.inner, self.limit = inner, limit

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.inner.seekable()

    def tell(self) -> int:
        return self.inner.tell()

    def _counted(self, data: bytes) -> bytes:
        if self.inner.tell() > self.limit:
            raise _refuse_unpacked(self.limit)
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:  # never all at once: a bomb would be held whole
            parts = []
            while chunk := self.read(1 << 20):
                parts.append(chunk)
            return b"".join(parts)
        return self._counted(self.inner.read(min(size, self.limit + 1)))

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 1 << 16)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:  # the end is found by unpacking everything: counted
            while self.read(1 << 20):
                pass
        position = self.inner.seek(offset, whence)
        self._counted(b"")
        return position

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.inner.close()
        super().close()


@dataclass
class RawFile:
    """The bytes of an uploaded file or a path; a gzip file (`.csv.gz`) reads as its content,
    cut off at `max_unpacked` bytes (the file is refused beyond them)."""

    data: bytes | Path
    filename: str
    max_unpacked: int = field(default_factory=_unpacked_limit)

    @property
    def size(self) -> int:
        if isinstance(self.data, bytes | bytearray):
            return len(self.data)
        return Path(self.data).stat().st_size

    def _open_stored(self) -> IO[bytes]:
        if isinstance(self.data, bytes | bytearray):
            return io.BytesIO(self.data)
        return open(self.data, "rb")  # closed by the caller

    @property
    def gzipped(self) -> bool:
        with self._open_stored() as f:
            return f.read(2) == b"\x1f\x8b"

    def open(self) -> IO[bytes]:
        f = self._open_stored()
        if f.read(2) == b"\x1f\x8b":
            f.seek(0)
            unpacked = gzip.GzipFile(fileobj=f, mode="rb")
            return _Capped(unpacked, self.max_unpacked)  # type: ignore[return-value]
        f.seek(0)
        return f

    def head(self, n: int = SAMPLE_BYTES) -> bytes:
        with self.open() as f:
            try:
                return f.read(n)
            except (OSError, EOFError, zlib.error):
                raise ImportRefused("ingest.refused.corrupt_archive") from None


_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"MZ",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"SQLite format",
    b"PAR1",
)


def sniff_format(head: bytes) -> str:
    """'xlsx' or 'text'; refuses old .xls and known binary formats."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused("ingest.refused.old_xls")
    if head.startswith(_BINARY_MAGIC):
        raise ImportRefused("ingest.refused.binary")
    return "text"


# ---------------------------------------------------------------------------------------------
# Encodings


def _common_chars() -> frozenset[str]:
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1: the 3755 most used simplified characters
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    for code in range(0xA440, 0xC67F):  # Big5 level 1: the 5401 most used traditional ones
        with contextlib.suppress(UnicodeDecodeError):
            chars.add(code.to_bytes(2, "big").decode("big5"))
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars.update("￥·—…“”‘’")
    return frozenset(chars)


_COMMON = _common_chars()

# The name a user may give → (codec used to decode, name reported back).
_CODEC_FOR = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
    "cp950": "cp950",
    "big5hkscs": "big5hkscs",
}


def resolve_encoding(name: str) -> tuple[str, str]:
    """(codec to decode with, name to report) for an encoding the user chose."""
    try:
        canonical = codecs.lookup(name.strip()).name
    except (LookupError, AttributeError, ValueError):
        raise ImportRefused("ingest.refused.unknown_encoding", encoding=str(name)) from None
    if canonical in ("utf-8", "utf_8"):
        return "utf-8-sig", "utf-8"
    return _CODEC_FOR.get(canonical, canonical), canonical


def _plausibility(text: str) -> float:
    """Share of non-ASCII characters that are common Chinese, minus one for each decoding error."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    bad = sum(1 for c in non_ascii if c == "\ufffd")
    common = sum(1 for c in non_ascii if c in _COMMON)
    return (common - bad) / len(non_ascii)


def detect_encoding(head: bytes, complete: bool) -> tuple[str, str]:
    """(codec, reported name) for a text file whose first bytes are `head`."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "utf-16"
    half = len(head) // 2
    if half >= 2:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 0.3 * half and even < 0.05 * half:
            return "utf-16-le", "utf-16-le"
        if even > 0.3 * half and odd < 0.05 * half:
            return "utf-16-be", "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=complete)
        return "utf-8-sig", "utf-8"
    except UnicodeDecodeError:
        pass
    best = ("utf-8-sig", "utf-8")
    best_score = None
    for codec, name in (("utf-8-sig", "utf-8"), ("gb18030", "gb18030"), ("cp950", "big5")):
        text = codecs.getincrementaldecoder(codec)("replace").decode(head, final=complete)
        score = _plausibility(text)
        if best_score is None or score > best_score + 1e-9:
            best, best_score = (codec, name), score
    return best


def _detection_sample(raw: RawFile, head: bytes, complete: bool) -> bytes:
    """The head, plus whole lines from further in when the head is plain ASCII.

    An export whose first rows are ASCII may still hold GBK text further down. Lines are cut
    at newline bytes, which no trail byte of UTF-8, GBK or Big5 can be.
    """
    if complete or not head.isascii() or b"\x00" in head:
        return head
    if raw.gzipped:  # no cheap seeking inside a gzip stream: read on from the start instead
        more = raw.head(8 * SAMPLE_BYTES)
        return more[: more.rfind(b"\n") + 1] or more
    size, parts = raw.size, [head[: head.rfind(b"\n") + 1]]
    with raw.open() as f:
        for offset in [size * i // 9 for i in range(1, 9)] + [max(0, size - 32 * 1024)]:
            f.seek(offset)
            chunk = f.read(32 * 1024)
            start, end = chunk.find(b"\n") + 1, chunk.rfind(b"\n") + 1
            if 0 < start < end:
                parts.append(chunk[start:end])
    return b"".join(parts)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    # NUL padding is common in broken exports and is dropped; other control bytes are not text.
    nuls = text.count("\x00")
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\r\n\x00") or c == "\ufffd")
    return controls > max(8, 0.05 * len(text)) or nuls > max(64, 0.1 * len(text))


# ---------------------------------------------------------------------------------------------
# Text records


class _Oversize(Exception):
    pass


def _bounded_lines(text: IO[str], limit: int) -> Iterator[str]:
    """The lines of `text`, each cut to `limit + 1` characters: the rest of a longer line is
    read and dropped piece by piece, so a line of any length never sits in memory whole."""
    while True:
        line = text.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while True:
                rest = text.readline(1 << 20)
                if not rest or rest.endswith(("\n", "\r")):
                    break
        yield line


class _LineSource:
    """Physical lines for csv.reader, with guards against absurd lines and unclosed quotes."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.pending: list[str] = []  # lines to hand out again (last first)
        self.count = 0  # lines handed out
        self.boundary = 0  # `count` when the current record started
        self.first = ""
        self.extra: list[str] | None = None  # further lines of a multi-line record
        self.extra_chars = 0
        self.undecodable = False

    def __iter__(self) -> _LineSource:
        return self

    def __next__(self) -> str:
        line = self.pending.pop() if self.pending else next(self.lines)
        if self.count == self.boundary:
            self.first, self.extra, self.undecodable = line, None, False
        else:
            if self.extra is None:
                self.extra, self.extra_chars = [], len(self.first)
            self.extra.append(line)
            self.extra_chars += len(line)
            if len(self.extra) > MAX_RECORD_LINES or self.extra_chars > MAX_LINE_CHARS:
                raise _Oversize
        self.count += 1
        if len(line) > MAX_LINE_CHARS:
            raise _Oversize
        if "\ufffd" in line:
            self.undecodable = True
        if "\x00" in line:
            line = line.replace("\x00", "")
        return line

    def replay_extra(self) -> None:
        """Hand the further lines of the current record out again, as records of their own."""
        if self.extra:
            self.pending.extend(reversed(self.extra))
        self.extra = None


def text_records(opener: Callable[[], IO[bytes]], codec: str, delimiter: str, encoding_name: str):
    """All records of a text file: (line, cells, problem)."""
    raw = opener()
    try:
        text = io.TextIOWrapper(raw, encoding=codec, errors="replace", newline="")
        src = _LineSource(_bounded_lines(text, MAX_LINE_CHARS))
        reader = csv.reader(src, delimiter=delimiter, quotechar='"', doublequote=True)
        line = 0
        while True:
            src.boundary = src.count
            try:
                row = next(reader)
            except StopIteration:
                return
            except _Oversize:
                line += 1
                if src.extra is not None:
                    src.replay_extra()
                    yield line, None, ("ingest.reason.unclosed_quote", {})
                else:
                    yield (
                        line,
                        None,
                        ("ingest.reason.line_too_long", {"max_kb": MAX_LINE_CHARS // 1000}),
                    )
                continue
            except (EOFError, zlib.error, gzip.BadGzipFile):
                raise ImportRefused("ingest.refused.corrupt_archive") from None
            except ImportRefused:
                raise
            except csv.Error as exc:
                line += 1
                if "field larger" in str(exc):
                    yield (
                        line,
                        None,
                        ("ingest.reason.field_too_long", {"max_kb": MAX_FIELD_CHARS // 1024}),
                    )
                else:
                    yield line, None, ("ingest.reason.malformed_row", {})
                continue
            line += 1
            if src.extra is not None:
                quotes = src.first.count('"') + sum(x.count('"') for x in src.extra)
                if quotes % 2:
                    src.replay_extra()
                    yield line, None, ("ingest.reason.unclosed_quote", {})
                    continue
            if src.undecodable:
                yield line, row, ("ingest.reason.undecodable", {"encoding": encoding_name})
                continue
            yield line, row, None
    finally:
        raw.close()


def sniff_delimiter(text: str, filename: str) -> str:
    """The delimiter that splits most lines of the sample into the same number (> 1) of fields."""
    lines = text.splitlines()
    if len(lines) > 1:
        lines = lines[:-1]  # the sample may end inside a line
    lines = [ln for ln in lines[:200] if ln.strip()]
    best, best_score = ",", (0, 0)
    for d in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=d) if r]
        except csv.Error:
            continue
        widths = [w for w in widths if w > 1]
        if not widths:
            continue
        width, freq = Counter(widths).most_common(1)[0]
        score = (freq, width)
        if filename.lower().endswith((".tsv", ".tab")) and d == "\t":
            score = (freq + len(lines), width)
        if score > best_score:
            best, best_score = d, score
    return best


# ---------------------------------------------------------------------------------------------
# XLSX


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of every merged range, read from the sheet XML."""
    found: set[tuple[int, int, int, int]] = set()
    with ws._get_source() as src:
        tail = b""
        while True:
            chunk = src.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            for m in _MERGE.finditer(buf):
                c1, r1 = _col_index(m.group(1)), int(m.group(2))
                c2 = _col_index(m.group(3)) if m.group(3) else c1
                r2 = int(m.group(4)) if m.group(4) else r1
                found.add((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            tail = buf[-300:]
    return sorted(found)


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, datetime):
        return v.isoformat(sep=" ", timespec="microseconds" if v.microsecond else "seconds")
    if isinstance(v, date | time):
        return v.isoformat()
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    return str(v)


@dataclass
class Workbook:
    book: Any
    sheet_names: list[str]

    def close(self) -> None:
        # Closing a broken archive must not mask the real error.
        with contextlib.suppress(Exception):
            self.book.close()


class _XmlGuard(io.BufferedIOBase):
    """An XML member of a workbook, refused as it streams when a text run (the bytes between
    two `<` or `>`: a cell's text, an attribute) is longer than `limit` bytes.

    The data is looked at in blocks of `limit` bytes: a run longer than that crosses a block
    boundary or fills a whole block, so the first and last `<`/`>` of each block tell.
    """

    def __init__(self, inner: IO[bytes], limit: int = MAX_XML_RUN) -> None:
        self.inner, self.limit, self.run = inner, limit, 0

    def readable(self) -> bool:
        return True

    def _check(self, data: bytes) -> bytes:
        for start in range(0, len(data), self.limit):
            block = data[start : start + self.limit]
            first = min((i for i in (block.find(b"<"), block.find(b">")) if i >= 0), default=-1)
            if first < 0:
                self.run += len(block)
            else:
                self.run += first
                if self.run <= self.limit:
                    self.run = len(block) - 1 - max(block.rfind(b"<"), block.rfind(b">"))
            if self.run > self.limit:
                raise ImportRefused("ingest.refused.xml_too_long", max_kb=self.limit // 1024)
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            parts = []
            while chunk := self.read(1 << 20):
                parts.append(chunk)
            return b"".join(parts)
        return self._check(self.inner.read(size))

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 1 << 16)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.inner.close()
        super().close()


def _check_archive(raw: RawFile) -> None:
    """Refuse a workbook that unpacks to more than the limit (as its zip directory declares,
    which Python's zipfile holds each member to), or whose XML read at open holds a text run
    over `MAX_XML_RUN` bytes (shared strings are all read when the workbook opens)."""
    try:
        archive = zipfile.ZipFile(raw.open())
    except Exception:  # not a readable zip: openpyxl says what is wrong below
        return
    with archive:
        members = archive.infolist()
        if sum(m.file_size for m in members) > raw.max_unpacked:
            raise _refuse_unpacked(raw.max_unpacked)
        for m in members:
            name = m.filename.lower()
            if name.startswith("xl/worksheets/") or not name.endswith((".xml", ".rels")):
                continue  # sheets are checked as they are read
            try:
                with _XmlGuard(archive.open(m)) as src:
                    while src.read(1 << 20):
                        pass
            except ImportRefused:
                raise
            except Exception:  # a damaged member: openpyxl says what is wrong below
                return


def _guard_archive(book: Any) -> None:
    """Every member openpyxl opens from now on (the sheets) goes through `_XmlGuard`."""
    archive = getattr(book, "_archive", None)
    if archive is None or not hasattr(archive, "open"):
        return
    plain_open = archive.open

    def guarded_open(name: Any, *args: Any, **kwargs: Any) -> Any:
        src = plain_open(name, *args, **kwargs)
        mode = args[0] if args else kwargs.get("mode", "r")
        return _XmlGuard(src) if mode == "r" else src

    archive.open = guarded_open


def open_workbook(raw: RawFile) -> Workbook:
    import warnings

    from openpyxl import load_workbook

    _check_archive(raw)
    handle = raw.open()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(handle, read_only=True, data_only=True)
        _guard_archive(book)
    except ImportRefused:
        handle.close()
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        handle.close()
        # A zip without a workbook inside is an archive, not a spreadsheet.
        key = "ingest.refused.binary" if _is_plain_zip(raw) else "ingest.refused.corrupt_xlsx"
        raise ImportRefused(key) from None
    names = list(book.sheetnames)
    if not names:
        raise ImportRefused("ingest.refused.no_sheets")
    return Workbook(book, names)


def _is_plain_zip(raw: RawFile) -> bool:
    try:
        with zipfile.ZipFile(raw.open()) as z:
            return not any(n.startswith("xl/") for n in z.namelist())
    except Exception:
        return False


def xlsx_records(wb: Workbook, sheet: str) -> Iterator[Record]:
    """All rows of a sheet; a merged range's value fills its whole range."""
    ws = wb.book[sheet]
    ws.reset_dimensions()  # some exporters write a wrong <dimension>
    try:
        merges = _merged_ranges(ws)
    except ImportRefused:
        raise
    except Exception:  # merges are a nicety: the rows still read without them
        merges = []
    starts: dict[int, list[tuple[int, int, int, int]]] = {}
    for m in merges:
        starts.setdefault(m[0], []).append(m)
    active: list[tuple[tuple[int, int, int, int], str]] = []
    line = 0
    rows = ws.iter_rows(min_row=1, values_only=True)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except ImportRefused:
            raise
        except Exception:  # a damaged sheet inside a readable archive
            raise ImportRefused("ingest.refused.corrupt_xlsx") from None
        line += 1
        row = [cell_text(v) for v in values]
        while row and row[-1] == "":
            row.pop()
        if active:
            active = [(m, v) for m, v in active if m[2] >= line]
        for m in starts.get(line, ()):
            anchor = row[m[1] - 1] if len(row) >= m[1] else ""
            active.append((m, anchor))
        for (r1, c1, _, c2), value in active:
            if line < r1 or value == "":
                continue
            if len(row) < c2:
                row.extend([""] * (c2 - len(row)))
            for c in range(c1 - 1, c2):
                if row[c] == "":
                    row[c] = value
        yield line, row, None


# ---------------------------------------------------------------------------------------------
# The table inside a file


@dataclass
class Opened:
    """A file opened as a table: how to read it and where its header is."""

    fmt: str
    codec: str | None
    encoding: str | None
    delimiter: str | None
    sheet_names: list[str]
    sheet: str | None
    records: Callable[[], Iterator[Record]]
    sample: list[Record] = field(default_factory=list)
    workbook: Workbook | None = None

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()


def open_table(
    raw: RawFile, *, encoding: str | None, sheet: str | None, sample_rows: int
) -> Opened:
    head = raw.head()
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused("ingest.refused.empty_file")
    if sniff_format(head) == "xlsx":
        wb = open_workbook(raw)
        if sheet is None:
            sheet = _first_table_sheet(wb, sample_rows)
        elif sheet not in wb.sheet_names:
            wb.close()
            raise ImportRefused("ingest.refused.sheet_not_found", sheet=sheet)
        chosen = sheet
        opened = Opened(
            fmt="xlsx",
            codec=None,
            encoding=None,
            delimiter=None,
            sheet_names=wb.sheet_names,
            sheet=chosen,
            records=lambda: xlsx_records(wb, chosen),
            workbook=wb,
        )
    else:
        complete = len(head) < SAMPLE_BYTES  # the whole file fits in the head
        if encoding:
            codec, name = resolve_encoding(encoding)
        else:
            codec, name = detect_encoding(_detection_sample(raw, head, complete), complete)
        text = codecs.getincrementaldecoder(codec)("replace").decode(head, final=complete)
        if _looks_binary(text):
            raise ImportRefused("ingest.refused.binary")
        if not text.replace("\x00", "").strip():
            raise ImportRefused("ingest.refused.empty_file")
        delimiter = sniff_delimiter(text.replace("\x00", ""), raw.filename)
        opened = Opened(
            fmt="text",
            codec=codec,
            encoding=name,
            delimiter=delimiter,
            sheet_names=[],
            sheet=None,
            records=lambda: text_records(raw.open, codec, delimiter, name),
        )
    try:
        it = opened.records()
        for rec in it:
            opened.sample.append(rec)
            if len(opened.sample) >= sample_rows:
                break
        close = getattr(it, "close", None)
        if close:
            close()
    except ImportRefused:
        opened.close()
        raise
    return opened


def _first_table_sheet(wb: Workbook, sample_rows: int) -> str:
    """The sheet to propose: the one that looks most like an order table.

    A workbook often opens with a note or a summary sheet (快团团: 商品汇总 before 订单明细):
    each sheet with a header row is scored by the platform its headers belong to and how well
    they fit a table kind, orders first; a tie goes to the earlier sheet.
    """
    from siyu.ingest.aliases import guess_kind
    from siyu.ingest.presets import recognise

    best, best_score = wb.sheet_names[0], -1.0
    for name in wb.sheet_names[:MAX_SHEETS_SCORED]:
        sample = []
        for rec in xlsx_records(wb, name):
            sample.append(rec)
            if len(sample) >= min(sample_rows, HEADER_SCAN_ROWS):
                break
        found = find_header_row(sample)
        if found is None:
            continue
        headers = clean_headers(sample[found][1] or [])
        platform, fit = recognise(headers)
        if platform is not None:
            score = 2.0 + fit + (1.0 if platform.kind == "orders" else 0.0)
        else:
            kind, scores = guess_kind(headers)
            score = scores[kind] + (0.5 if kind == "orders" and scores[kind] > 0 else 0.0)
        if "订单" in name or "order" in name.lower():
            score += 0.25
        if score > best_score:
            best, best_score = name, score
    return best


_VALUE_LIKE = re.compile(r"^[\d\s.,:/\-+年月日时分秒¥￥%()（）元TZ]+$")


def find_header_row(sample: list[Record]) -> int | None:
    """Index (0-based, among the file's rows) of the first row that looks like a header."""
    candidates: list[tuple[int, int, int]] = []  # (index, alias hits, non-empty cells)
    for i, (_, cells, _) in enumerate(sample[:HEADER_SCAN_ROWS]):
        if not cells:
            continue
        nonempty = [c.strip() for c in cells if c and c.strip()]
        if len(nonempty) < 2 or len(set(nonempty)) < 2:
            continue
        texty = sum(1 for c in nonempty if not _VALUE_LIKE.match(c))
        if texty < 0.6 * len(nonempty):
            continue
        candidates.append((i, alias_hits(list(dict.fromkeys(nonempty))), len(nonempty)))
    if not candidates:
        return None
    most_hits = max(c[1] for c in candidates)
    if most_hits >= 2:
        return next(i for i, hits, _ in candidates if hits == most_hits)
    widest = max(c[2] for c in candidates)
    return next(i for i, _, n in candidates if n >= 0.5 * widest)


def clean_headers(cells: list[str]) -> list[str]:
    """Header names: stripped, BOM removed, blanks named column_N, duplicates suffixed (2)."""
    names = [" ".join(str(c).replace("\ufeff", "").replace("\x00", "").split()) for c in cells]
    while names and not names[-1]:
        names.pop()
    out: list[str] = []
    seen: Counter[str] = Counter()
    for i, name in enumerate(names):
        name = name[:200] or f"column_{i + 1}"
        seen[name] += 1
        if seen[name] > 1:
            base, n = name, seen[name]
            name = f"{base} ({n})"
            while name in seen:
                n += 1
                name = f"{base} ({n})"
            seen[name] += 1
        out.append(name)
    return out
