"""From files to a published dataset version: the one path the Data page and the CLI share.

`siyu.ingest` decodes, maps and validates each file into a staged Parquet file; this module
publishes all of them as one new version of the dataset, or none of them when one fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from siyu import ingest
from siyu.i18n import DEFAULT_LANGUAGE, t
from siyu.ingest.identity import MODE_TEXT
from siyu.privacy import MOBILE
from siyu.schema import TABLE_LABELS, TABLES
from siyu.storage import disk_full
from siyu.workspace import Version, Workspace, WorkspaceError


@dataclass
class FileRequest:
    """One file to import, with the choices the user made (None = detect)."""

    data: bytes | Path
    filename: str
    kind: str | None = None
    mapping: dict[str, str | None] | None = None
    encoding: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    options: ingest.Options | None = None  # None: the platform preset's (or remembered) ones
    also: list[ingest.Plan] | None = None  # more tables from the same file; None: detect
    stat_date: dt.date | None = None  # for statistics whose rows carry no date


@dataclass
class ImportReport:
    version: Version
    converted: list[ingest.Converted] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(c.accepted for c in self.converted)

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.converted)


def plans_for(
    req: FileRequest, ws: Workspace | None = None
) -> tuple[ingest.Plan, list[ingest.Plan], list[ingest.Plan]]:
    """(main plan, more plans, plans skipped for want of a date) for what the user left open.

    What is open is detected: the settings remembered for these headers in the workspace
    first, else the platform preset. A statistics table without a date takes
    `req.stat_date`; a second table that still lacks one is skipped (the main one imports).
    """
    pv = None
    if req.kind is None or req.mapping is None or req.options is None or req.also is None:
        pv = ingest.preview(
            req.data,
            req.filename,
            encoding=req.encoding,
            sheet=req.sheet,
            header_row=req.header_row,
            kind=req.kind,
        )
    memory = remembered(ws, pv) if pv is not None and req.mapping is None else None
    if memory is not None and req.kind not in (None, memory[0].kind):
        memory = None
    kind = req.kind or (memory[0].kind if memory else pv.kind)
    if req.mapping is not None:
        mapping = req.mapping
    else:
        mapping = memory[0].mapping if memory else pv.mapping
    if req.options is not None:
        options = req.options
    elif memory:
        options = memory[0].options
    else:
        options = pv.options if pv is not None and kind == pv.kind else ingest.Options()
    if req.also is not None:
        also = list(req.also)
    elif memory:
        also = list(memory[1])
    else:
        also = [pv.also] if pv is not None and pv.also is not None and kind == pv.kind else []
    main = _dated(ingest.Plan(kind, mapping, options), req.stat_date)
    also = [_dated(p, req.stat_date) for p in also]
    skipped = [p for p in also if ingest.needs_stat_date(p)]
    return main, [p for p in also if p not in skipped], skipped


def _dated(plan: ingest.Plan, day: dt.date | None) -> ingest.Plan:
    if day is not None and ingest.needs_stat_date(plan):
        return ingest.Plan(plan.kind, plan.mapping, replace(plan.options, stat_date=day))
    return plan


def remembered(
    ws: Workspace | None, pv: ingest.Preview | None
) -> tuple[ingest.Plan, list[ingest.Plan], str] | None:
    """The settings saved for files with the preview's headers: (plan, more plans, saved at)."""
    if ws is None or pv is None or not pv.signature:
        return None
    entry = ws.recall_mapping(pv.signature)
    if not entry:
        return None
    try:
        main = ingest.Plan.from_json(entry["plan"])
        also = [ingest.Plan.from_json(p) for p in entry.get("also", [])]
    except (KeyError, TypeError, ValueError):
        return None
    headers = set(pv.headers)
    for plan in (main, *also):
        used = [h for h in plan.mapping.values() if h] + [
            h for h in (plan.options.refund_status, plan.options.refunded_amount) if h
        ]
        if plan.kind not in TABLES or not set(used) <= headers:
            return None
    return main, also, str(entry.get("saved_at", ""))


def prepare(
    req: FileRequest,
    out_dir: Path,
    ws: Workspace | None = None,
    skipped: list[tuple[str, str]] | None = None,
    memory: dict[str, dict[str, Any]] | None = None,
) -> list[ingest.Converted]:
    """Detect what the user left open, then convert the file (one Parquet file per table).

    A second table left out for want of a date is added to `skipped` as (file, table); the
    settings to remember for the file's headers go to `memory`.
    """
    main, also, left_out = plans_for(req, ws)
    if skipped is not None:
        skipped.extend((req.filename, p.kind) for p in left_out)
    key = ws.identity_key if ws is not None else None
    out = []
    for n, plan in enumerate([main, *also]):
        out.append(
            ingest.convert(
                req.data,
                req.filename,
                kind=plan.kind,
                mapping=plan.mapping,
                out_dir=out_dir if n == 0 else out_dir / f"also{n}",
                encoding=req.encoding,
                sheet=req.sheet,
                header_row=req.header_row,
                options=plan.options,
                phone_key=key,
            )
        )
    if memory is not None and out and out[0].signature:
        entry = _memory_entry(main, [*also, *left_out])
        if entry is not None:
            memory[out[0].signature] = entry
    return out


def _memory_entry(main: ingest.Plan, also: list[ingest.Plan]) -> dict[str, Any] | None:
    """What to remember of a file's plans (never a date, never a header that is a phone)."""
    plans = [
        ingest.Plan(p.kind, p.mapping, replace(p.options, stat_date=None)) for p in (main, *also)
    ]
    if any(MOBILE.search(h or "") for p in plans for h in p.mapping.values()):
        return None  # a header that is a phone number (a headerless file) is not kept
    return {"plan": plans[0].to_json(), "also": [p.to_json() for p in plans[1:]]}


@dataclass
class Staged:
    """Files converted and validated, waiting in the staging area to be saved (or dropped)."""

    folder: Path
    requests: list[FileRequest]
    converted: list[ingest.Converted]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, table) with no date
    memory: dict[str, dict[str, Any]] = field(default_factory=dict)  # signature → settings

    @property
    def accepted(self) -> int:
        return sum(c.accepted for c in self.converted)

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.converted)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def stage(ws: Workspace, requests: list[FileRequest]) -> Staged:
    """Convert every file into a fresh staging folder; raises `ingest.ImportRefused`."""
    try:
        folder = ws.staging_dir()
    except OSError as exc:
        if disk_full(exc):
            raise WorkspaceError("ws.disk_full") from None
        raise
    skipped: list[tuple[str, str]] = []
    memory: dict[str, dict[str, Any]] = {}
    try:
        pairs = [
            (req, conv)
            for i, req in enumerate(requests)
            for conv in prepare(req, folder / f"f{i}", ws, skipped, memory)
        ]
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    # A file that holds two tables (a WeCom group list) appears once per table.
    return Staged(
        folder=folder,
        requests=[r for r, _ in pairs],
        converted=[c for _, c in pairs],
        skipped=skipped,
        memory=memory,
    )


def commit(
    ws: Workspace,
    staged: Staged,
    dataset: str,
    *,
    mode: str = "auto",
    title: str | None = None,
    action: str | None = None,
    meta: dict | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> ImportReport:
    """Publish staged files together as one version of `dataset`, then drop the staging.

    Who identifies a person (`Converted.identity`) is stored with the dataset (meta
    `identity`, in `lang`, shown on every page), and the settings of each file are remembered
    for the next file with the same headers.

    `meta` is merged into the dataset's meta in the same atomic step (e.g. its team space).

    Raises `workspace.WorkspaceError` with the workspace unchanged.
    """
    try:
        tables: dict[str, Path] = {}
        for i, conv in enumerate(staged.converted):
            # a line-level orders file brings its lines (`order_items`) beside its orders
            for kind, path in ((conv.kind, conv.parquet), ("order_items", conv.items_parquet)):
                if path is None:
                    continue
                if kind in tables:
                    # Two files of one kind in one import: their rows go together.
                    tables[kind] = _concat(tables[kind], path, staged.folder / f"c{i}-{kind}")
                else:
                    tables[kind] = path
        details = {
            "rows": {},
            "rejected": {},
            "per_file": [
                {
                    "file": r.filename,
                    "kind": c.kind,
                    "accepted": c.accepted,
                    "rejected": c.rejected,
                    "encoding": c.encoding,
                    "lines": c.lines,
                    "identity": c.identity.to_json() if c.identity else None,
                }
                for r, c in zip(staged.requests, staged.converted, strict=True)
            ],
        }
        for c in staged.converted:
            details["rows"][c.kind] = details["rows"].get(c.kind, 0) + c.accepted
            details["rejected"][c.kind] = details["rejected"].get(c.kind, 0) + c.rejected
            if c.items_parquet is not None:
                details["rows"]["order_items"] = details["rows"].get("order_items", 0) + c.items
        version = ws.publish(
            dataset,
            tables,
            mode=mode,
            files=tuple(dict.fromkeys(r.filename for r in staged.requests)),
            title=title,
            action=action,
            details=details,
            meta={**(meta or {}), **identity_meta(ws, dataset, staged.converted, lang)},
            # orders replaced by a file without lines: the old lines would describe orders
            # that are gone (appended orders without lines read their own product instead)
            drop=("order_items",) if mode == "replace" and "orders" in tables else (),
        )
        with contextlib.suppress(OSError, WorkspaceError):  # the import stands; memory is lost
            ws.remember_mappings(staged.memory)
        return ImportReport(version=version, converted=staged.converted)
    except Exception as exc:
        if disk_full(exc):  # nothing was published: the previous version stands
            raise WorkspaceError("ws.disk_full") from None
        raise
    finally:
        staged.discard()


def import_files(
    ws: Workspace,
    dataset: str,
    requests: list[FileRequest],
    *,
    mode: str = "auto",
    title: str | None = None,
    action: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> ImportReport:
    """Convert every file, then publish them together as one version of `dataset`.

    Raises `ingest.ImportRefused` or `workspace.WorkspaceError`; in both cases the
    workspace is unchanged.
    """
    staged = stage(ws, requests)
    return commit(ws, staged, dataset, mode=mode, title=title, action=action, lang=lang)


def _concat(first: Path, second: Path, out_dir: Path) -> Path:
    from siyu.db import database
    from siyu.schema import quote_literal

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / "concat.parquet"
    cur = database().cursor()
    try:
        cur.execute(
            f"copy (select * from read_parquet([{quote_literal(str(first))}, "
            f"{quote_literal(str(second))}])) to {quote_literal(str(out))} (format parquet)"
        )
    finally:
        cur.close()
    return out


# ---- identity and mapping memory ---------------------------------------------------------


def identity_text(by_table: dict[str, dict[str, str]], lang: str) -> str | None:
    """How people are identified, for the pages; None when every table uses an id column."""
    if not by_table or all(v.get("mode") == "id" for v in by_table.values()):
        return None

    def one(v: dict[str, str]) -> str:
        return t(MODE_TEXT[v.get("mode", "id")], lang, column=v.get("column", ""))

    distinct = {(v.get("mode"), v.get("column")) for v in by_table.values()}
    if len(distinct) == 1:
        return one(next(iter(by_table.values())))
    if set(by_table) == {"orders", "members"}:
        return t(
            "ingest.ui.identity_mixed",
            lang,
            orders=one(by_table["orders"]),
            members=one(by_table["members"]),
        )
    return "; ".join(f"{t(TABLE_LABELS[k], lang)}: {one(v)}" for k, v in sorted(by_table.items()))


def identity_meta(
    ws: Workspace, dataset: str, converted: list[ingest.Converted], lang: str
) -> dict[str, Any]:
    """The dataset meta that records who a person is, merged with what the dataset had."""
    new = {
        c.kind: c.identity.to_json()
        for c in converted
        if c.identity is not None and c.kind in ("orders", "members")
    }
    if not new:
        return {}
    old: dict[str, Any] = {}
    if ws.exists(dataset):
        old = dict(ws.get(dataset).meta.get("identity_by_table") or {})
    by_table = {**old, **new}
    return {"identity_by_table": by_table, "identity": identity_text(by_table, lang)}
