"""The base layer: shared SQL models under `queries/base/`, built once per dataset version.

Every metric in `queries/` reads these models instead of the raw tables (the dbt pattern:
staging → marts, STYLE.md "SQL"). Each `queries/base/<name>.sql` is one statement without
parameters and says in its header how it is materialized:

    -- materialized: view    staging: a temp view in each query's cursor (cheap filters)
    -- materialized: table   mart: written once per dataset version to Parquet beside the
                             snapshot, read by every process and replica

A table model's file name carries a fingerprint of everything its rows depend on (its SQL
and that of the models it reads, the checksums of the dataset version's table files, the
time zone), so an unchanged model is reused by the next version and a changed rule never
reads a stale file. Models are built at publish, inside the workspace's atomic step (a
failed build publishes nothing), and on demand for versions published before a model
existed (restores, old versions); a build writes to a temporary name and renames, under a
lock, so concurrent processes build each file once.

Sources without built files (DataFrames in tests, a workspace that cannot be written) run
the same model SQL inline as views: the numbers never depend on whether a file exists.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from siyu.config import QUERIES_DIR, settings
from siyu.schema import quote_literal

if TYPE_CHECKING:
    from siyu.db import Source

BASE_DIR = QUERIES_DIR / "base"

# Bump when the way a file is written changes (not its SQL: that is in the fingerprint).
FORMAT = "1"

_MATERIALIZED = re.compile(r"^--\s*materialized:\s*(view|table)\s*$", re.MULTILINE)
_COMMENT = re.compile(r"--[^\n]*")


@dataclass(frozen=True)
class Model:
    name: str
    sql: str
    materialized: str  # "view" or "table"
    depends_on: tuple[str, ...]  # other base models it reads

    @property
    def is_table(self) -> bool:
        return self.materialized == "table"


def _reads(sql: str, name: str) -> bool:
    """Whether `sql` reads the relation `name` (after `from` or `join`)."""
    code = _COMMENT.sub("", sql)
    return re.search(rf"\b(from|join)\s+{re.escape(name)}\b", code, re.IGNORECASE) is not None


@functools.cache
def models() -> tuple[Model, ...]:
    """Every base model, each after the models it reads (a topological order)."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(BASE_DIR.glob("*.sql"))}
    found: dict[str, Model] = {}
    for name, sql in texts.items():
        kind = _MATERIALIZED.search(sql)
        if kind is None:
            raise ValueError(f"queries/base/{name}.sql must say '-- materialized: view|table'")
        deps = tuple(sorted(o for o in texts if o != name and _reads(sql, o)))
        found[name] = Model(name, sql, kind.group(1), deps)
    ordered: list[Model] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ValueError(f"queries/base: models read each other in a cycle at {name}")
        state[name] = "visiting"
        for dep in found[name].depends_on:
            visit(dep)
        state[name] = "done"
        ordered.append(found[name])

    for name in found:
        visit(name)
    return tuple(ordered)


def model(name: str) -> Model:
    for m in models():
        if m.name == name:
            return m
    raise KeyError(name)


def table_models() -> tuple[Model, ...]:
    return tuple(m for m in models() if m.is_table)


def _closure(m: Model) -> list[Model]:
    """`m` and every model it reads, directly or not."""
    seen: dict[str, Model] = {}

    def walk(x: Model) -> None:
        for dep in x.depends_on:
            walk(model(dep))
        seen.setdefault(x.name, x)

    walk(m)
    return list(seen.values())


def fingerprint(m: Model, table_checksums: Mapping[str, str]) -> str:
    """A short hash of everything the rows of model `m` depend on.

    Only the tables the model reads count, so a new members file keeps the order models.
    """
    h = hashlib.sha256()
    h.update(f"format {FORMAT}\ntz {settings().timezone}\n".encode())
    for x in _closure(m):
        h.update(f"model {x.name}\n{x.sql}\n".encode())
    for table in sorted(table_checksums):
        if any(_reads(x.sql, table) for x in _closure(m)):
            h.update(f"table {table} {table_checksums[table]}\n".encode())
    return h.hexdigest()[:20]


def file_name(m: Model, table_checksums: Mapping[str, str]) -> str:
    return f"{m.name}-{fingerprint(m, table_checksums)}.parquet"


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with (folder / ".lock").open("a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def planned(folder: Path, table_checksums: Mapping[str, str]) -> dict[str, Path]:
    """Where each table model of a version with these checksums lives (built or not)."""
    return {m.name: folder / file_name(m, table_checksums) for m in table_models()}


def build(source: Source, folder: Path, table_checksums: Mapping[str, str]) -> dict[str, Path]:
    """Write the missing table models of `source` into `folder`; return every model's file.

    Safe to call from several processes at once: one builds, the others wait and reuse.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = planned(folder, table_checksums)
    if all(p.exists() for p in paths.values()):
        return paths
    with _locked(folder):
        built: dict[str, Path] = {}
        for m in table_models():
            target = paths[m.name]
            if not target.exists():
                partial = source.with_base(built)
                tmp = folder / f".{m.name}-{uuid.uuid4().hex}.tmp"
                cur = partial.cursor()
                try:
                    cur.execute(
                        f"copy (select * from {m.name}) to {quote_literal(str(tmp))} "
                        "(format parquet, compression zstd, row_group_size 122880)"
                    )
                except BaseException:
                    with contextlib.suppress(OSError):
                        tmp.unlink()
                    raise
                finally:
                    cur.close()
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            built[m.name] = target
        _fsync_dir(folder)
    return paths


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
