"""From files to a published dataset version: the one path the Data page and the CLI share.

`siyu.ingest` decodes, maps and validates each file into a staged Parquet file; this module
publishes all of them as one new version of the dataset, or none of them when one fails.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from siyu import ingest
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


def prepare(req: FileRequest, out_dir: Path) -> ingest.Converted:
    """Detect what the user left open, then convert the file into `out_dir`."""
    kind, mapping = req.kind, req.mapping
    if kind is None or mapping is None:
        pv = ingest.preview(
            req.data,
            req.filename,
            encoding=req.encoding,
            sheet=req.sheet,
            header_row=req.header_row,
            kind=kind,
        )
        kind = kind or pv.kind
        mapping = mapping or pv.mapping
    return ingest.convert(
        req.data,
        req.filename,
        kind=kind,
        mapping=mapping,
        out_dir=out_dir,
        encoding=req.encoding,
        sheet=req.sheet,
        header_row=req.header_row,
    )


@dataclass
class Staged:
    """Files converted and validated, waiting in the staging area to be saved (or dropped)."""

    folder: Path
    requests: list[FileRequest]
    converted: list[ingest.Converted]

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
    try:
        converted = [prepare(req, folder / f"f{i}") for i, req in enumerate(requests)]
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Staged(folder=folder, requests=list(requests), converted=converted)


def commit(
    ws: Workspace,
    staged: Staged,
    dataset: str,
    *,
    mode: str = "auto",
    title: str | None = None,
    action: str | None = None,
    meta: dict | None = None,
) -> ImportReport:
    """Publish staged files together as one version of `dataset`, then drop the staging.

    `meta` is merged into the dataset's meta in the same atomic step (e.g. its team space).

    Raises `workspace.WorkspaceError` with the workspace unchanged.
    """
    try:
        tables: dict[str, Path] = {}
        for i, conv in enumerate(staged.converted):
            if conv.kind in tables:
                # Two files of one kind in one import: their rows go together.
                tables[conv.kind] = _concat(
                    tables[conv.kind], conv.parquet, staged.folder / f"c{i}"
                )
            else:
                tables[conv.kind] = conv.parquet
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
                }
                for r, c in zip(staged.requests, staged.converted, strict=True)
            ],
        }
        for c in staged.converted:
            details["rows"][c.kind] = details["rows"].get(c.kind, 0) + c.accepted
            details["rejected"][c.kind] = details["rejected"].get(c.kind, 0) + c.rejected
        version = ws.publish(
            dataset,
            tables,
            mode=mode,
            files=tuple(r.filename for r in staged.requests),
            title=title,
            action=action,
            details=details,
            meta=meta,
        )
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
) -> ImportReport:
    """Convert every file, then publish them together as one version of `dataset`.

    Raises `ingest.ImportRefused` or `workspace.WorkspaceError`; in both cases the
    workspace is unchanged.
    """
    staged = stage(ws, requests)
    return commit(ws, staged, dataset, mode=mode, title=title, action=action)


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
