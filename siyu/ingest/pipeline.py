"""The import pipeline behind `siyu.ingest`: `preview` proposes how to read a file, `convert`
streams it into Parquet (see the package docstring for the steps and why it streams).

Every failure of a whole file is an `ImportRefused` with a message key: nothing else escapes
the public functions, so a user never meets a traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from siyu.config import settings
from siyu.ingest import fastpath, sqlgen
from siyu.ingest import identity as ident
from siyu.ingest.aliases import guess_kind, normalise_header
from siyu.ingest.errors import ImportRefused, Limits, render
from siyu.ingest.fastpath import CellPlan
from siyu.ingest.identity import Identity
from siyu.ingest.presets import (
    STAT_DATE_KINDS,
    Options,
    Plan,
    channel_label,
    detect_lines,
    items_json,
    needs_stat_date,
    platform_plan,
    resolve_lines,
    split_items,
)
from siyu.ingest.reading import (
    HEADER_SCAN_ROWS,
    MAX_COLUMNS,
    Opened,
    RawFile,
    clean_headers,
    find_header_row,
    open_table,
)
from siyu.ingest.staging import Input, RowProblem, stage_rows
from siyu.ingest.values import macro_statements
from siyu.privacy import MOBILE, hash_phone, hash_text, is_masked_phone, mask_phone, scrub_phones
from siyu.schema import LINE_COLUMNS, TABLE_KINDS, TABLES, quote_literal
from siyu.storage import disk_full

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
IDENTITY_SAMPLE = 200  # rows whose values decide what a column holds

KeySource = bytes | Callable[[], bytes] | None
Note = tuple[str, dict[str, Any]]


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
    platform: str = "unknown"  # the recognised source (presets.PLATFORMS), or unknown
    options: Options = field(default_factory=Options)
    identity: Identity | None = None  # who a person is, for orders / members / activity
    notes: list[Note] = field(default_factory=list)  # things to tell the user (message keys)
    also: Plan | None = None  # a second table the file holds (WeCom group lists → group_daily)
    signature: str = ""  # the header signature, for the mapping memory

    @property
    def plan(self) -> Plan:
        return Plan(self.kind, dict(self.mapping), self.options)

    def column_values(self, header: str) -> list[str]:
        """The previewed cells of one column."""
        i = self.headers.index(header)
        return [r[i] for r in self.rows if i < len(r)]


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
    lines: int = 0  # data lines read (more than `accepted` when lines become orders)
    identity: Identity | None = None
    options: Options = field(default_factory=Options)
    mapping: dict[str, str | None] = field(default_factory=dict)
    signature: str = ""  # header signature of the file (mapping memory)
    fast: bool = False  # DuckDB read the file itself (`fastpath`), not the Python path
    # the lines of a line-level orders file (`order_items` columns), when it has them
    items_parquet: Path | None = None
    items: int = 0


def header_signature(headers: list[str]) -> str:
    """The same for two files with the same headers (compared normalised), whatever the data."""
    text = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


# ---------------------------------------------------------------------------------------------
# Shared steps


def _raw(data: bytes | Path, filename: str, limits: Limits) -> RawFile:
    if not isinstance(data, bytes | bytearray | Path | str):
        raise ImportRefused("ingest.refused.unreadable")
    raw = RawFile(
        Path(data) if isinstance(data, str) else data,
        str(filename or ""),
        max_unpacked=limits.max_unpacked_bytes,
    )
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


def _sample_values(opened: Opened, header_row: int, headers: list[str]) -> dict[str, list[str]]:
    """The sampled cells of each column (below the header)."""
    out: dict[str, list[str]] = {h: [] for h in headers}
    for _, cells, problem in opened.sample[header_row + 1 : header_row + 1 + IDENTITY_SAMPLE]:
        if problem is not None or not cells:
            continue
        for h, c in zip(headers, cells, strict=False):
            out[h].append(c)
    return out


def _plan_notes(plan: Plan | None) -> list[Note]:
    if plan is not None and needs_stat_date(plan):
        return [("ingest.note.needs_stat_date", {"table": plan.kind})]
    return []


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
    """How the file would be read: detected settings, platform, headers, rows, kind, mapping."""
    limits = limits or Limits()
    raw = _raw(data, filename, limits)
    if kind is not None and kind not in TABLE_KINDS:
        raise ImportRefused("ingest.refused.unknown_kind", kind=kind)
    scan = max(HEADER_SCAN_ROWS, (header_row or 0) + 1) + max(PREVIEW_ROWS * 3, IDENTITY_SAMPLE)
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
        _, scores = guess_kind(headers)
        recognised = platform_plan(headers, kind)
        plan = recognised.plan
        values = _sample_values(opened, hr, headers)
        mapping, who, notes = ident.propose_identity(plan.kind, headers, plan.mapping, values)
        notes += _plan_notes(plan) + _plan_notes(recognised.also)
        if plan.kind == "orders" and not (plan.options.lines or plan.options.items_list):
            lines, rule = detect_lines(mapping, values)
            if lines:
                plan = Plan(
                    plan.kind, plan.mapping, replace(plan.options, lines=True, amount_rule=rule)
                )
                notes.append(("ingest.note.lines_detected", {"column": mapping["order_id"]}))
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
            kind=plan.kind,
            kind_scores=scores,
            mapping=mapping,
            platform=recognised.platform,
            options=plan.options,
            identity=who,
            notes=notes,
            also=recognised.also,
            signature=header_signature(headers),
        )
    finally:
        opened.close()


def identity_of(
    kind: str, mapping: dict[str, str | None], pv: Preview
) -> tuple[Identity | None, list[Note]]:
    """Who a person is under a mapping the user edited, and why a choice cannot be used."""
    header = mapping.get("user_id")
    if kind not in ident.PERSON_TABLES or not header or header not in pv.headers:
        return None, []
    values = pv.column_values(header)
    mode = ident.mode_of(header, values, mapping.get("nickname"))
    if mode == "masked":
        return None, [
            (
                "ingest.refused.masked_phone_id",
                {"column": header, "example": ident.first_masked(values)},
            )
        ]
    return Identity(mode, header), []


# ---------------------------------------------------------------------------------------------
# Convert

_HELPERS = {"refund_status": "status", "refunded_amount": "money"}


def _inputs(
    kind: str, mapping: dict[str, str | None], options: Options, headers: list[str]
) -> list[Input]:
    """The cells to stage, in schema order, then helpers; refuses a wrong or incomplete plan."""
    table = TABLES[kind]
    lines = options.lines and kind == "orders"
    index = {h: i for i, h in enumerate(headers)}

    def where(col: str, header: Any) -> int:
        if header not in index:
            raise ImportRefused("ingest.refused.bad_mapping", column=col, header=str(header))
        return index[header]

    inputs: list[Input] = []
    for col in table.columns:
        header = (mapping or {}).get(col.name)
        if header is None or header == "":
            continue
        parser = col.kind
        non_negative = True
        if lines and col.name == "amount" and options.amount_rule == "unit_price":
            parser = "price"
        if lines and col.name == "quantity" and options.amount_rule == "unit_price":
            non_negative = False  # a cancellation's lines have negative quantities
        required = col.required and not (lines and col.name == "amount")
        inputs.append(
            Input(
                col.name,
                str(header),
                where(col.name, header),
                parser,
                required,
                False,
                non_negative,
            )
        )
    if lines:
        # the line columns (`schema.LINE_COLUMNS`), kept in `order_items`
        for col in LINE_COLUMNS:
            header = (mapping or {}).get(col.name)
            if header:
                inputs.append(Input(col.name, str(header), where(col.name, header), col.kind))
    names = {i.name for i in inputs}
    if options.items_list and kind == "orders" and "product" in names:
        product = next(i for i in inputs if i.name == "product")
        quantity = next((i for i in inputs if i.name == "quantity"), None)
        if quantity is None or quantity.header == product.header:
            inputs = [i for i in inputs if i.name != "quantity"]
            inputs.append(Input("quantity", product.header, product.index, "int"))
        # the listed lines themselves, for `order_items` (`presets.items_json`)
        inputs.append(Input("items", product.header, product.index, "text", helper=True))
    if kind in STAT_DATE_KINDS and "stat_date" not in names and options.stat_date:
        inputs.append(Input("stat_date", None, None, "date", True))
    if kind == "orders":
        for helper, parser in _HELPERS.items():
            header = getattr(options, helper)
            if header:
                inputs.append(Input(helper, header, where(helper, header), parser, helper=True))
    names = {i.name for i in inputs}
    missing = [c for c in table.required if c not in names]
    if kind in STAT_DATE_KINDS and missing == ["stat_date"]:
        raise ImportRefused("ingest.refused.needs_stat_date")
    if missing:
        raise ImportRefused("ingest.refused.missing_columns", columns=missing)
    if lines and options.amount_rule == "unit_price" and "quantity" not in names:
        raise ImportRefused("ingest.refused.unit_price_needs_quantity")
    order = {c: n for n, c in enumerate(table.column_names)}
    return sorted(inputs, key=lambda i: (i.helper, order.get(i.name, 99)))


class _Key:
    """The workspace's identity key, fetched on first use (a file without phones never asks)."""

    def __init__(self, source: KeySource) -> None:
        self.source = source
        self.value: bytes | None = None

    def __call__(self) -> bytes:
        if self.value is None:
            src = self.source() if callable(self.source) else self.source
            if not src:
                raise ImportRefused("ingest.refused.no_identity_key")
            self.value = bytes(src)
        return self.value


def _hash_rewrite(key: _Key, column: str) -> Callable[[str], str]:
    """A phone that identifies a person → its keyed hash; a masked one rejects the row."""

    def rewrite(value: str) -> str:
        text = value.strip()
        if not text:
            return value
        if "*" in text or "＊" in text:
            raise RowProblem("ingest.reason.masked_phone_id", column=column, value=text[:40])
        if not MOBILE.search(text) and sum(ch.isdigit() for ch in text) < 7:
            raise RowProblem(
                "ingest.reason.not_a_phone", column=column, value=scrub_phones(text)[:40]
            )
        return hash_phone(key(), text)

    return rewrite


def _id_scrub(key: _Key, column: str) -> Callable[[str], str]:
    """An id that is a mobile number → its keyed hash (the same id in every table); one that
    is a masked phone rejects its row (it is no one's id)."""

    def rewrite(value: str) -> str:
        text = value.strip()
        if ("*" in text or "＊" in text) and is_masked_phone(text):
            raise RowProblem("ingest.reason.masked_phone_id", column=column, value=text[:40])
        if not MOBILE.search(text):
            return value
        if MOBILE.fullmatch(text):
            return hash_phone(key(), text)
        return hash_text(key(), text)

    return rewrite


def _mask_cell(value: str) -> str:
    return (mask_phone(value) or "") if value.strip() else value


def _cell_plans(
    kind: str,
    inputs: list[Input],
    options: Options,
    key: _Key,
    values: dict[str, list[str]],
    mapping: dict[str, str | None],
) -> tuple[list[CellPlan], Identity | None]:
    """How each staged cell is rewritten (every row) and scrubbed (rows holding a phone)."""
    plans: list[CellPlan] = []
    who: Identity | None = None
    person = kind in ident.PERSON_TABLES
    for inp in inputs:
        col = inp.name
        rewrite: tuple[str, Callable[[str], str]] | None = None
        scrub: tuple[str, Callable[[str], str]] | None = None
        const = None
        if inp.header is None and col == "stat_date" and options.stat_date:
            const = options.stat_date.isoformat()
            rewrite = ("const", lambda _v, d=const: d)
        elif col == "phone":
            rewrite = ("mask", _mask_cell)
        elif person and col in ("user_id", "inviter_id"):
            found = ident.resolve(
                col, inp.header, values.get(inp.header, []), mapping.get("nickname")
            )
            if col == "user_id":
                who = found
            if found.mode == "phone":
                rewrite = ("hash", _hash_rewrite(key, inp.header))
            else:
                scrub = ("id_scrub", _id_scrub(key, inp.header))
        elif col == "product" and options.items_list and kind == "orders":
            rewrite = ("items_product", lambda v: split_items(v)[0])
            scrub = ("scrub", scrub_phones)
        elif (
            col == "quantity"
            and options.items_list
            and kind == "orders"
            and (inp.header == mapping.get("product"))
        ):
            rewrite = (
                "items_quantity",
                lambda v: str(split_items(v)[1] or "") if v.strip() else v,
            )
        elif col == "items" and inp.helper:
            rewrite = ("items_json", items_json)
            scrub = ("scrub", scrub_phones)
        elif col == "channel" and options.channel_codes:
            rewrite = ("channel", channel_label)
            scrub = ("scrub", scrub_phones)
        elif inp.parser == "text" and not inp.helper:
            scrub = ("scrub", scrub_phones)
        plans.append(
            CellPlan(
                rewrite[0] if rewrite else None,
                scrub[0] if scrub else None,
                _chain(rewrite[1] if rewrite else None, scrub[1] if scrub else None),
                const,
                rewrite[1] if rewrite else None,
                scrub[1] if scrub else None,
            )
        )
    return plans, who


def _chain(
    first: Callable[[str], str] | None, then: Callable[[str], str] | None
) -> Callable[[str], str] | None:
    """One cell's rewrite, then its scrub: what the Python path does to a row holding a phone
    (a scrub changes nothing in a cell without a phone or a star, so it may run on any)."""
    if first is None or then is None:
        return first or then
    return lambda v: then(first(v))


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
    options: Options | None = None,
    phone_key: KeySource = None,
) -> Converted:
    """Read the whole file into `out_dir`: accepted rows and rejected rows, as Parquet.

    `phone_key` (bytes, or a function returning them) is the workspace key that phones used
    as ids are hashed with; it is fetched only when a phone needs it.
    """
    from siyu.db import database

    limits = limits or Limits()
    options = options or Options()
    raw = _raw(data, filename, limits)
    if kind not in TABLES or kind not in TABLE_KINDS:
        raise ImportRefused("ingest.refused.unknown_kind", kind=str(kind))
    given = dict(mapping or {})
    # an amount the mapping does not give comes from the lines when they allow it
    mapping, options, _ = resolve_lines(kind, given, options)
    scan = max(HEADER_SCAN_ROWS, (header_row or 0) + 1) + IDENTITY_SAMPLE
    opened = open_table(raw, encoding=encoding, sheet=sheet, sample_rows=scan)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    out = out_dir / f"{kind}-{token}.parquet"
    rejected_out = out_dir / f"{kind}-{token}.rejected.parquet"
    items_out = out_dir / f"order_items-{token}.parquet"
    work = Path(tempfile.mkdtemp(prefix=".ingest-", dir=out_dir))
    cur = None
    try:
        hr, headers = _locate_header(opened, header_row)
        inputs = _inputs(kind, mapping, options, headers)
        values = _sample_values(opened, hr, headers)
        key = _Key(phone_key)
        plans, who = _cell_plans(kind, inputs, options, key, values, mapping)
        cur = database().cursor()
        cur.execute(f"set TimeZone = {quote_literal(settings().timezone)}")
        for stmt in macro_statements(settings().timezone):
            cur.execute(stmt)
        staged = work / "rows.csv"

        def build(fast: sqlgen.FastSource | None = None) -> sqlgen.ConvertSql:
            return sqlgen.build(
                kind, inputs, options, staged, out, rejected_out, fast=fast, items_out=items_out
            )

        read = fastpath.prepare(cur, opened, raw, hr, headers, inputs, plans, key, work)
        rows, built = fastpath.load(cur, read, build, limits) if read else (None, None)
        fast = rows is not None
        if rows is None:
            rewrites = [(n, p.rewrite_fn) for n, p in enumerate(plans) if p.rewrite_fn]
            scrubbers = [(n, p.scrub_fn) for n, p in enumerate(plans) if p.scrub_fn]
            rows = stage_rows(opened, hr, headers, inputs, rewrites, scrubbers, staged, limits)
            if rows == 0:
                raise ImportRefused("ingest.refused.header_only")
            built = build()
            for stmt in built.load:
                cur.execute(stmt)
        if rows == 0:
            raise ImportRefused("ingest.refused.header_only")
        built.run(cur)
        accepted, rejected, lines = cur.execute(built.counts).fetchone()
        if accepted == 0:
            key_, top, line, params = cur.execute(
                f"select reason, count(*) over (partition by reason) as n, line, params "
                f"from read_parquet({quote_literal(str(rejected_out))}) "
                f"order by n desc, line limit 1"
            ).fetchone()
            raise ImportRefused(
                "ingest.refused.all_rejected",
                count=rejected,
                top_count=top,
                line=line,
                reason=(key_, _params(params)),
            )
        items = int(cur.execute(built.items).fetchone()[0]) if built.items else 0
        return Converted(
            kind=kind,
            parquet=out,
            accepted=int(accepted),
            rejected=int(rejected),
            rejected_parquet=rejected_out,
            encoding=opened.encoding,
            header_row=hr,
            sheet=opened.sheet,
            lines=int(lines),
            identity=who,
            options=options,
            mapping=given,
            signature=header_signature(headers),
            fast=fast,
            items_parquet=items_out if built.items else None,
            items=items,
        )
    except BaseException:
        out.unlink(missing_ok=True)
        rejected_out.unlink(missing_ok=True)
        items_out.unlink(missing_ok=True)
        raise
    finally:
        opened.close()
        if cur is not None:
            try:
                for stmt in sqlgen.CLEANUP:
                    cur.execute(stmt)
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
