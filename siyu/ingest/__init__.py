"""Import: an exported file → validated canonical rows in Parquet (SPEC §3).

`preview` reads the head of a file and proposes how to read it (encoding, delimiter, sheet,
header row, table kind, column mapping); `convert` streams the whole file with the user's
choices into a Parquet file of accepted rows and one of rejected rows, each rejected row with
its line number and a reason key of `siyu/text/ingest.py`.

How a file flows, and why it streams:
1. `reading` decodes the file in Python (DuckDB cannot decode GBK/Big5 here), splits records
   with the C `csv` module (or reads an XLSX sheet with openpyxl's read-only mode) and catches
   structural problems per row (ragged rows, absurd lines, unclosed quotes, undecodable text).
2. Only the mapped columns are written, as text, to a temporary UTF-8 CSV with the source line
   number, so memory stays flat whatever the file size.
3. DuckDB reads that CSV (`all text`) and parses and validates every value in SQL
   (`values.py`), rejects duplicate keys (first kept) and writes both Parquet files.

Every failure of a whole file is an `ImportRefused` with a message key: nothing else escapes
the public functions, so a user never meets a traceback. Platform presets can plug in through
`propose_mapping` / `guess_kind` (header signatures) and the `mapping` argument of `convert`.
"""

from __future__ import annotations

import csv
import json
import logging
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import pandas as pd

from siyu.config import settings
from siyu.ingest.aliases import ALIASES, guess_kind, normalise_header, propose_mapping
from siyu.ingest.errors import ImportRefused, Limits, limits_text, render
from siyu.ingest.reading import (
    HEADER_SCAN_ROWS,
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    Opened,
    RawFile,
    clean_headers,
    find_header_row,
    open_table,
)
from siyu.ingest.values import NON_NEGATIVE, PARSERS, macro_statements
from siyu.schema import TABLES, quote_ident, quote_literal
from siyu.storage import disk_full

__all__ = [
    "ALIASES",
    "Converted",
    "ImportRefused",
    "Limits",
    "Preview",
    "convert",
    "guess_kind",
    "limits_text",
    "normalise_header",
    "preview",
    "propose_mapping",
    "reason_text",
    "rejected_frame",
]

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20


@dataclass
class Preview:
    filename: str
    size: int
    encoding: str | None  # detected or given; None for xlsx
    delimiter: str | None  # ',', '\t', ';' … for text files
    sheet_names: list[str]
    sheet: str | None
    header_row: int  # 0-based index of the header among the file's rows
    headers: list[str]  # cleaned header names
    rows: list[list[str]]  # first ≤ 20 data rows as text
    kind: str  # guessed (or given) table kind
    kind_scores: dict[str, float]
    mapping: dict[str, str | None]  # canonical column → header, for `kind`


@dataclass
class Converted:
    kind: str
    parquet: Path  # accepted rows: the canonical columns of the kind, typed, in schema order
    accepted: int
    rejected: int
    rejected_parquet: Path  # line, column, value, reason (message key), params (JSON text)
    encoding: str | None
    header_row: int
    sheet: str | None


# ---------------------------------------------------------------------------------------------
# Shared steps


def _raw(data: bytes | Path, filename: str, limits: Limits) -> RawFile:
    if not isinstance(data, bytes | bytearray | Path | str):
        raise ImportRefused("ingest.refused.unreadable")
    raw = RawFile(Path(data) if isinstance(data, str) else data, str(filename or ""))
    try:
        size = raw.size
    except OSError:
        raise ImportRefused("ingest.refused.unreadable") from None
    if size == 0:
        raise ImportRefused("ingest.refused.empty_file")
    if size > limits.max_file_bytes:
        raise ImportRefused(
            "ingest.refused.too_large",
            size_mb=f"{size / 1024 / 1024:.1f}",
            max_mb=f"{limits.max_file_bytes / 1024 / 1024:g}",
        )
    return raw


def _locate_header(opened: Opened, header_row: int | None) -> tuple[int, list[str]]:
    sample = opened.sample
    if header_row is None:
        found = find_header_row(sample)
        if found is None:
            raise ImportRefused("ingest.refused.no_header")
        header_row = found
    else:
        cells = sample[header_row][1] if 0 <= header_row < len(sample) else None
        if not cells or not any(c.strip() for c in cells):
            raise ImportRefused("ingest.refused.bad_header_row", line=header_row + 1)
    headers = clean_headers(sample[header_row][1] or [])
    if len(headers) > MAX_COLUMNS:
        raise ImportRefused("ingest.refused.too_many_columns", count=len(headers), max=MAX_COLUMNS)
    return header_row, headers


def _guarded(fn):
    """Let only ImportRefused out: any other failure on bad input becomes a clear refusal."""

    def wrapper(*args: Any, **kwargs: Any):
        try:
            return fn(*args, **kwargs)
        except ImportRefused:
            raise
        except Exception as exc:  # the user never sees a traceback; the log keeps it
            if disk_full(exc):
                raise ImportRefused("ingest.refused.disk_full") from None
            log.exception("import of %r failed", kwargs.get("filename") or args[1:2])
            raise ImportRefused("ingest.refused.unreadable") from None

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper


# ---------------------------------------------------------------------------------------------
# Preview


@_guarded
def preview(
    data: bytes | Path,
    filename: str,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    kind: str | None = None,
    limits: Limits | None = None,
) -> Preview:
    """How the file would be read: detected settings, headers, first rows, kind and mapping."""
    limits = limits or Limits()
    raw = _raw(data, filename, limits)
    if kind is not None and kind not in TABLES:
        raise ImportRefused("ingest.refused.unknown_kind", kind=kind)
    scan = max(HEADER_SCAN_ROWS, (header_row or 0) + 1) + PREVIEW_ROWS * 3
    opened = open_table(raw, encoding=encoding, sheet=sheet, sample_rows=scan)
    try:
        hr, headers = _locate_header(opened, header_row)
        width = len(headers)
        rows: list[list[str]] = []
        for _, cells, _ in opened.sample[hr + 1 :]:
            if not cells or not any(cells):
                continue
            row = [c[:1000] for c in cells[:width]]
            rows.append(row + [""] * (width - len(row)))
            if len(rows) >= PREVIEW_ROWS:
                break
        guessed, scores = guess_kind(headers)
        kind = kind or guessed
        return Preview(
            filename=raw.filename,
            size=raw.size,
            encoding=opened.encoding,
            delimiter=opened.delimiter,
            sheet_names=opened.sheet_names,
            sheet=opened.sheet,
            header_row=hr,
            headers=headers,
            rows=rows,
            kind=kind,
            kind_scores=scores,
            mapping=propose_mapping(headers, kind),
        )
    finally:
        opened.close()


# ---------------------------------------------------------------------------------------------
# Convert


def _check_mapping(kind: str, mapping: dict[str, str | None], headers: list[str]) -> list[str]:
    """The mapped canonical columns in schema order; refuses a wrong or incomplete mapping."""
    table = TABLES[kind]
    mapped: list[str] = []
    for col in table.column_names:
        header = (mapping or {}).get(col)
        if header is None or header == "":
            continue
        if header not in headers:
            raise ImportRefused("ingest.refused.bad_mapping", column=col, header=str(header))
        mapped.append(col)
    missing = [c for c in table.required if c not in mapped]
    if missing:
        raise ImportRefused("ingest.refused.missing_columns", columns=missing)
    return mapped


def _stage_rows(
    opened: Opened,
    header_row: int,
    headers: list[str],
    indexes: list[int],
    path: Path,
    limits: Limits,
) -> int:
    """Write the data rows (mapped cells only, as text) to a UTF-8 CSV; return the row count."""
    width = len(headers)
    header_line = opened.sample[header_row][0]
    check_width = opened.fmt == "text"
    need = max(indexes) + 1 if indexes else 0
    pick = itemgetter(*indexes)
    single = len(indexes) == 1
    empty = ("",) * len(indexes)
    delimiter = opened.delimiter or ","
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")  # so cells with \r or \n get quoted
        write = out.writerow
        records = opened.records()
        try:
            for line, cells, problem in records:
                if line <= header_line:
                    continue
                if problem is None:
                    if not cells or not any(cells):
                        continue
                    n = len(cells)
                    if n != width and check_width:
                        if n > width:
                            if any(cells[width:]):
                                problem = (
                                    "ingest.reason.too_many_fields",
                                    {"found": n, "expected": width},
                                )
                        else:
                            problem = (
                                "ingest.reason.too_few_fields",
                                {"found": n, "expected": width},
                            )
                    if problem is None and max(map(len, cells)) > MAX_FIELD_CHARS:
                        problem = (
                            "ingest.reason.field_too_long",
                            {"max_kb": MAX_FIELD_CHARS // 1024},
                        )
                rows += 1
                if rows > limits.max_rows:
                    raise ImportRefused(
                        "ingest.refused.too_many_rows", max_rows=f"{limits.max_rows:,}"
                    )
                if problem is None:
                    if n < need:
                        cells = cells + [""] * (need - n)
                    picked = pick(cells)
                    write((line, "", "", "", picked) if single else (line, "", "", "", *picked))
                else:
                    key, params = problem
                    snippet = delimiter.join(cells)[:200] if cells else ""
                    write((line, key, json.dumps(params, ensure_ascii=False), snippet, *empty))
        finally:
            close = getattr(records, "close", None)
            if close:
                close()
    return rows


def _convert_sql(
    kind: str,
    mapping: dict[str, str | None],
    mapped: list[str],
    csv_path: Path,
    out: Path,
    rejected_out: Path,
) -> tuple[str, list[str]]:
    """(statement that stages the parsed rows, statements that write both Parquet files)."""
    table = TABLES[kind]
    q = quote_ident
    columns = {"line": "BIGINT", "perr": "VARCHAR", "pparams": "VARCHAR", "pvalue": "VARCHAR"}
    for i, _ in enumerate(mapped):
        columns[f"c{i}"] = "VARCHAR"
    col_spec = (
        "{" + ", ".join(f"{quote_literal(k)}: {quote_literal(v)}" for k, v in columns.items()) + "}"
    )
    source = (
        f"read_csv({quote_literal(str(csv_path))}, header = false, auto_detect = false, "
        f"delim = ',', quote = '\"', escape = '\"', new_line = '\\r\\n', columns = {col_spec}, "
        f"max_line_size = 16000000)"
    )
    raw_cols, value_cols, checks = [], [], []
    for i, name in enumerate(mapped):
        col = table.column(name)
        r, v = q(f"r_{name}"), q(f"v_{name}")
        trimmed = f"siyu_trim({q(f'c{i}')})"
        if col.kind != "text":
            trimmed = f"siyu_present({trimmed})"
        raw_cols.append(f"{trimmed} as {r}")
        expr, bad_key = PARSERS.get(col.kind, PARSERS["text"])
        value = expr.format(r=r)
        if col.kind == "status":
            value = f"case when {r} is null then 'paid' else {value} end"
        value_cols.append(f"{value} as {v}")
        header = quote_literal(str(mapping[name]))
        if col.required:
            checks.append((f"{r} is null", "ingest.reason.required_missing", header, r))
        if bad_key:
            checks.append((f"{r} is not null and {v} is null", bad_key, header, r))
        if col.kind in NON_NEGATIVE:
            checks.append((f"{v} < 0", "ingest.reason.negative", header, r))
    reason = " ".join(f"when {c} then {quote_literal(k)}" for c, k, _, _ in checks)
    rcol = " ".join(f"when {c} then {h}" for c, _, h, _ in checks)
    rval = " ".join(f"when {c} then {rv}" for c, _, _, rv in checks)
    key_cols = [c for c in table.key if c in mapped]
    key_header = " / ".join(str(mapping[c]) for c in key_cols)
    key_value = " || ' / ' || ".join(f"cast({q('v_' + c)} as varchar)" for c in key_cols)
    if key_cols:
        window = (
            f"partition by (s.reason is null), {', '.join(q('v_' + c) for c in key_cols)} "
            f"order by s.line"
        )
        dup = (
            "case when s.reason is null and row_number() over w > 1 "
            "then 'ingest.reason.duplicate' end"
        )
        first_line = "first_value(s.line) over w"
        window_clause = f"window w as ({window})"
    else:
        dup, first_line, window_clause = "null", "null", ""
    stage = f"""
        create temp table siyu_stage as
        with src as (select * from {source}),
        raw as (select line, perr, pparams, pvalue{"".join(", " + c for c in raw_cols)} from src),
        parsed as (select *{"".join(", " + c for c in value_cols)} from raw),
        checked as (
            select *,
                case when perr is not null then perr {reason} end as reason,
                case when perr is not null then '' {rcol} end as rcol,
                case when perr is not null then pvalue {rval} end as rval
            from parsed
        )
        select s.*, {dup} as dup, {first_line} as first_line
        from checked as s
        {window_clause}
    """
    accepted_cols = []
    for col in table.columns:
        if col.name in mapped:
            accepted_cols.append(f"cast({q('v_' + col.name)} as {col.sql_type}) as {q(col.name)}")
        elif col.kind == "status":
            accepted_cols.append(f"cast('paid' as {col.sql_type}) as {q(col.name)}")
        else:
            accepted_cols.append(f"cast(null as {col.sql_type}) as {q(col.name)}")
    dup_params = (
        f"to_json({{'column': {quote_literal(key_header)}, 'value': left({key_value}, 200), "
        f"'first_line': first_line}})::varchar"
        if key_cols
        else "null"
    )
    writes = [
        f"copy (select {', '.join(accepted_cols)} from siyu_stage "
        f"where reason is null and dup is null order by line) "
        f"to {quote_literal(str(out))} (format parquet)",
        f"""copy (
            select
                line::bigint as line,
                coalesce(case when dup is not null then {quote_literal(key_header)} else rcol end, '')
                    as "column",
                coalesce(case when dup is not null then {key_value if key_cols else "null"}
                    else rval end, '') as value,
                coalesce(reason, dup) as reason,
                case
                    when perr is not null then coalesce(pparams, '{{}}')
                    when dup is not null and reason is null then {dup_params}
                    else to_json({{'column': rcol, 'value': left(rval, 200)}})::varchar
                end as params
            from siyu_stage
            where reason is not null or dup is not null
            order by line
        ) to {quote_literal(str(rejected_out))} (format parquet)""",
    ]
    return stage, writes


@_guarded
def convert(
    data: bytes | Path,
    filename: str,
    *,
    kind: str,
    mapping: dict[str, str | None],
    out_dir: Path,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    limits: Limits | None = None,
) -> Converted:
    """Read the whole file into `out_dir`: accepted rows and rejected rows, as Parquet."""
    from siyu.db import database

    limits = limits or Limits()
    raw = _raw(data, filename, limits)
    if kind not in TABLES:
        raise ImportRefused("ingest.refused.unknown_kind", kind=str(kind))
    scan = max(HEADER_SCAN_ROWS, (header_row or 0) + 1)
    opened = open_table(raw, encoding=encoding, sheet=sheet, sample_rows=scan)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    out = out_dir / f"{kind}-{token}.parquet"
    rejected_out = out_dir / f"{kind}-{token}.rejected.parquet"
    work = Path(tempfile.mkdtemp(prefix=".ingest-", dir=out_dir))
    cur = None
    try:
        hr, headers = _locate_header(opened, header_row)
        mapped = _check_mapping(kind, mapping, headers)
        indexes = [headers.index(str(mapping[c])) for c in mapped]
        staged = work / "rows.csv"
        if _stage_rows(opened, hr, headers, indexes, staged, limits) == 0:
            raise ImportRefused("ingest.refused.header_only")
        stage, writes = _convert_sql(kind, mapping, mapped, staged, out, rejected_out)
        cur = database().cursor()
        cur.execute(f"set TimeZone = {quote_literal(settings().timezone)}")
        for stmt in macro_statements(settings().timezone):
            cur.execute(stmt)
        cur.execute(stage)
        for stmt in writes:
            cur.execute(stmt)
        accepted, rejected = cur.execute(
            "select count(*) filter (where reason is null and dup is null), "
            "count(*) filter (where reason is not null or dup is not null) from siyu_stage"
        ).fetchone()
        if accepted == 0:
            key, top, line, params = cur.execute(
                f"select reason, count(*) over (partition by reason) as n, line, params "
                f"from read_parquet({quote_literal(str(rejected_out))}) "
                f"order by n desc, line limit 1"
            ).fetchone()
            raise ImportRefused(
                "ingest.refused.all_rejected",
                count=rejected,
                top_count=top,
                line=line,
                reason=(key, _params(params)),
            )
        return Converted(
            kind=kind,
            parquet=out,
            accepted=int(accepted),
            rejected=int(rejected),
            rejected_parquet=rejected_out,
            encoding=opened.encoding,
            header_row=hr,
            sheet=opened.sheet,
        )
    except BaseException:
        out.unlink(missing_ok=True)
        rejected_out.unlink(missing_ok=True)
        raise
    finally:
        opened.close()
        if cur is not None:
            try:
                cur.execute("drop table if exists siyu_stage")
            finally:
                cur.close()
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Rejected rows, for people


def _params(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def reason_text(key: str, params: str | dict[str, Any] | None, lang: str) -> str:
    """The reason of a rejected row in `lang` (params as stored: JSON text, or a dict)."""
    return render(key, params if isinstance(params, dict) else _params(params), lang)


def rejected_frame(conv: Converted, lang: str, limit: int | None = None) -> pd.DataFrame:
    """Rejected rows with the reason in `lang`: columns line, column, value, reason."""
    from siyu.db import database

    sql = (
        f'select line, "column", value, reason, params '
        f"from read_parquet({quote_literal(str(conv.rejected_parquet))}) order by line"
    )
    if limit is not None:
        sql += f" limit {int(limit)}"
    cur = database().cursor()
    try:
        rows = cur.execute(sql).fetchall()
    finally:
        cur.close()
    return pd.DataFrame(
        {
            "line": pd.array([r[0] for r in rows], dtype="int64"),
            "column": [r[1] for r in rows],
            "value": [r[2] for r in rows],
            "reason": [reason_text(r[3], r[4], lang) for r in rows],
        },
        columns=["line", "column", "value", "reason"],
    )
