"""The workspace (SPEC §5): datasets published as immutable Parquet snapshots.

Layout under the workspace root:

    catalog.json         every dataset, its versions (the import history) and the current one
    files/<id>/*.parquet immutable table files; a version names one file per table
    staging/             files being written by an import (same file system, so a rename
                         publishes them); an interrupted import leaves only litter here
    trash/               deleted datasets, kept an hour for readers that still hold them
    .lock                writers take an exclusive `flock` on it: imports are serialised
    identity.key         the key phones used as ids are hashed with (created on first use)
    mappings.json        import settings remembered by header signature

Team spaces: a dataset belongs to one space (meta `space`). A `Workspace` opened for some
spaces (`spaces=`, what a signed-in person may open) sees only their datasets, and names are
unique per space: saving `shop` in space east when space west has a `shop` makes a second
dataset (catalog key `shop` + U+001F + `east`, its name kept in the entry) rather than telling
east that west's name exists. Where one view sees both, the later one reads `shop (east)`.

Litter: a publish killed after its files were moved into `files/` and before the catalog
named them, or a catalog write that failed, leaves files nobody references. The next writer
(or `tidy()` at start) removes them while it holds the writers' lock — so no publish is in
progress — and a failed publish removes its own at once.

A reader never locks: it reads `catalog.json` (always whole, since it is replaced with an
atomic rename after its files are on disk) and then opens files that never change. So the
app, a CLI import and a second replica on shared storage can all work at once, and a writer
killed at any moment leaves the previous version exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from siyu import models
from siyu.config import settings
from siyu.db import Source, database, parquet_columns
from siyu.schema import TABLES, canonical_select, quote_ident, quote_literal

CATALOG = "catalog.json"
KEY_FILE = "identity.key"  # the key phones used as ids are hashed with
MAPPINGS = "mappings.json"  # import settings remembered by header signature
MAX_MAPPINGS = 200
FORMAT = 1
STALE_SECONDS = 3600  # staging and trash older than this are removed by the next writer
DEFAULT_SPACE = "default"  # the space of a dataset without one (as `siyu.access`)
_SEP = "\x1f"  # in a catalog key between a name and its space; never in a name


# Checksums already verified in this process: (path, size, mtime, sha256) -> intact.
_VERIFIED: dict[tuple[str, int, int, str], bool] = {}
_VERIFIED_LOCK = threading.Lock()


class WorkspaceError(Exception):
    """A request the workspace refuses; `key` and `params` name a translated message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        from siyu.i18n import t

        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class TableFile:
    path: str  # relative to the workspace root
    rows: int
    sha256: str


@dataclass(frozen=True)
class Version:
    version: int
    at: str
    action: str  # import, append, replace, restore, demo
    files: tuple[str, ...]
    tables: dict[str, TableFile]
    note: str = ""
    details: dict[str, Any] | None = None


@dataclass(frozen=True)
class Dataset:
    name: str
    id: str
    title: str
    created_at: str
    current: int
    versions: tuple[Version, ...]
    meta: dict[str, Any]

    @property
    def head(self) -> Version:
        return self.version(self.current)

    def version(self, number: int) -> Version:
        for v in self.versions:
            if v.version == number:
                return v
        raise WorkspaceError("ws.no_version", dataset=self.name, version=number)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


def _version_from(raw: Mapping[str, Any]) -> Version:
    return Version(
        version=int(raw["version"]),
        at=raw["at"],
        action=raw["action"],
        files=tuple(raw.get("files", ())),
        tables={k: TableFile(**v) for k, v in raw["tables"].items()},
        note=raw.get("note", ""),
        details=raw.get("details"),
    )


def _version_to(v: Version) -> dict[str, Any]:
    return {
        "version": v.version,
        "at": v.at,
        "action": v.action,
        "files": list(v.files),
        "tables": {k: vars(tf) for k, tf in v.tables.items()},
        "note": v.note,
        "details": v.details,
    }


class Workspace:
    """A workspace folder. Cheap to create; every read goes to the catalog on disk."""

    def __init__(
        self, root: Path | str | None = None, spaces: frozenset[str] | None = None
    ) -> None:
        self.root = Path(root) if root is not None else settings().workspace
        self.spaces = spaces  # the spaces this view sees; None: every space
        self.root.mkdir(parents=True, exist_ok=True)
        for sub in ("files", "staging", "trash"):
            (self.root / sub).mkdir(exist_ok=True)

    # ---- reading -------------------------------------------------------------------------

    def _read_catalog(self) -> dict[str, Any]:
        path = self.root / CATALOG
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT, "datasets": {}}
        return raw

    def _handles(self, cat: Mapping[str, Any]) -> dict[str, str]:
        """The name each dataset this view sees goes by → its catalog key.

        A dataset keeps its plain name unless another one it sees has the same name in
        another space; then the one saved later reads `name (space)`.
        """
        seen = [
            (key, raw)
            for key, raw in cat["datasets"].items()
            if self.spaces is None or _space_of(raw) in self.spaces
        ]
        plain = {key for key, _ in seen if _SEP not in key}
        names = Counter(_name_of(key, raw) for key, raw in seen)
        out: dict[str, str] = {}
        for key, raw in seen:
            name = _name_of(key, raw)
            if _SEP not in key:
                handle = key
            elif names[name] == 1 and name not in plain:
                handle = name
            else:
                handle = f"{name} ({_space_of(raw)})"
                if handle in plain or handle in out:
                    handle = f"{name} ({_space_of(raw)}, {raw['id'][:6]})"
            out[handle] = key
        return out

    def _key(self, cat: Mapping[str, Any], name: str) -> str:
        key = self._handles(cat).get(name)
        if key is None:
            raise WorkspaceError("ws.no_dataset", dataset=name)
        return key

    def datasets(self) -> list[Dataset]:
        """The datasets this view sees, in the order they were created."""
        cat = self._read_catalog()
        out = [
            self._dataset_from(handle, cat["datasets"][key])
            for handle, key in self._handles(cat).items()
        ]
        return sorted(out, key=lambda d: (d.created_at, d.name))

    def names(self) -> list[str]:
        return [d.name for d in self.datasets()]

    def get(self, name: str) -> Dataset:
        cat = self._read_catalog()
        return self._dataset_from(name, cat["datasets"][self._key(cat, name)])

    def exists(self, name: str) -> bool:
        return name in self._handles(self._read_catalog())

    @staticmethod
    def _dataset_from(name: str, raw: Mapping[str, Any]) -> Dataset:
        return Dataset(
            name=name,
            id=raw["id"],
            title=raw.get("title") or name,
            created_at=raw["created_at"],
            current=int(raw["current"]),
            versions=tuple(_version_from(v) for v in raw["versions"]),
            meta=dict(raw.get("meta") or {}),
        )

    def source(self, name: str, version: int | None = None) -> Source:
        """The tables of a dataset version (the current one by default) for `siyu.metrics`.

        Every table file is checked against its SHA-256 (once per process and file). When the
        current version is damaged, the newest intact earlier version is served instead and
        `meta["damaged_version"]` names the damaged one, so the page can warn; an explicitly
        requested damaged version, or no intact version at all, raises `ws.damaged`.
        """
        ds = self.get(name)
        if version is not None:
            candidates = [ds.version(version)]
        else:
            older = sorted(
                (v for v in ds.versions if v.version < ds.current), key=lambda v: -v.version
            )
            candidates = [ds.head, *older]
        for v in candidates:
            if all(self._intact(tf) for tf in v.tables.values()):
                break
        else:
            raise WorkspaceError("ws.damaged", dataset=name, version=candidates[0].version)
        meta: dict[str, Any] = {"dataset": name, "version": v.version, **ds.meta}
        if v.version != candidates[0].version:
            meta["damaged_version"] = candidates[0].version
        src = Source(
            tables={t: self.root / tf.path for t, tf in v.tables.items()},
            key=f"{ds.id}@{v.version}",
            meta=meta,
        )
        return self._with_base(ds.id, v, src)

    def _base_dir(self, dataset_id: str) -> Path:
        return self.root / "files" / dataset_id / "base"

    def _with_base(self, dataset_id: str, v: Version, src: Source) -> Source:
        """`src` reading its built base models; builds the missing ones (an older version).

        A workspace that cannot be written (a read-only replica before the first build) runs
        the models inline: slower, the same numbers.
        """
        checksums = {t: tf.sha256 for t, tf in v.tables.items()}
        folder = self._base_dir(dataset_id)
        paths = models.planned(folder, checksums)
        if not all(p.exists() for p in paths.values()):
            try:
                paths = models.build(src, folder, checksums)
            except OSError:
                return src
        return src.with_base(paths)

    def _intact(self, tf: TableFile) -> bool:
        """Whether a table file is there with the checksum recorded at publish.

        Hashing a snapshot takes a while (0.3 s for 10M orders), too long for every CLI run:
        publish writes a stamp beside each file (`<file>.ok`) naming its size, times, inode
        and checksum. Any write to the file changes its ctime, so a stamp that still matches
        the file's stat proves nothing changed since it was hashed; without a matching stamp
        the file is hashed (reading never writes to the workspace).
        """
        path = self.root / tf.path
        try:
            st = path.stat()
        except OSError:
            return False
        key = (str(path), st.st_size, st.st_mtime_ns, tf.sha256)
        with _VERIFIED_LOCK:
            known = _VERIFIED.get(key)
        if known is None:
            try:
                stamped = path.with_name(path.name + ".ok").read_text(encoding="ascii")
                known = stamped == _stamp(st, tf.sha256)
            except (OSError, ValueError):
                known = False
            if not known:
                try:
                    known = _sha256(path) == tf.sha256
                except OSError:
                    known = False
            with _VERIFIED_LOCK:
                _VERIFIED[key] = known
        return known

    # ---- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _lock(self, timeout: float = 600.0) -> Iterator[None]:
        """Hold the writers' lock (WorkspaceError ws.busy after `timeout` seconds)."""
        lock = (self.root / ".lock").open("a+")
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WorkspaceError("ws.busy") from None
                    time.sleep(0.05)
            yield
        finally:
            lock.close()  # closing the file releases the lock; so does a killed process

    @contextlib.contextmanager
    def _writer(self, timeout: float = 600.0) -> Iterator[dict[str, Any]]:
        """Hold the writers' lock; yield a fresh catalog to change; publish it on success.

        When the change fails, files it moved into the store are removed at once: the
        catalog on disk does not name them.
        """
        with self._lock(timeout):
            cat = self._read_catalog()
            try:
                yield cat
                self._write_catalog(cat)
            except BaseException:
                with contextlib.suppress(Exception):
                    self._collect_litter(self._read_catalog())
                raise

    def _write_catalog(self, cat: Mapping[str, Any]) -> None:
        tmp = self.root / f".{CATALOG}.{uuid.uuid4().hex}.tmp"
        try:
            with tmp.open("w", encoding="utf-8") as f:
                json.dump(cat, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.root / CATALOG)
        except BaseException:  # a full disk: the old catalog stands, and no half file stays
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(self.root)

    def tidy(self) -> None:
        """Remove what interrupted writers left (at start); skipped while a writer runs."""
        try:
            with self._lock(timeout=0):
                self._collect_litter(self._read_catalog())
        except (WorkspaceError, OSError, ValueError):
            pass

    def staging_dir(self) -> Path:
        """A fresh folder for an import to write into before it publishes."""
        path = self.root / "staging" / uuid.uuid4().hex
        path.mkdir(parents=True)
        return path

    def _adopt(self, dataset_id: str, parquet: Path, rows: int | None = None) -> TableFile:
        """Move a finished Parquet file into the immutable store (same file system: a rename)."""
        folder = self.root / "files" / dataset_id
        folder.mkdir(parents=True, exist_ok=True)
        _fsync_file(parquet)
        target = folder / f"{uuid.uuid4().hex}.parquet"
        if parquet.stat().st_dev == folder.stat().st_dev:
            os.replace(parquet, target)
        else:
            shutil.copyfile(parquet, target)
            _fsync_file(target)
        _fsync_dir(folder)
        if rows is None:
            rows = _count_rows(target)
        digest = _sha256(target)
        _write_stamp(target.with_name(target.name + ".ok"), _stamp(target.stat(), digest))
        return TableFile(path=str(target.relative_to(self.root)), rows=rows, sha256=digest)

    def publish(
        self,
        name: str,
        tables: Mapping[str, Path],
        *,
        mode: str = "auto",
        files: tuple[str, ...] = (),
        title: str | None = None,
        action: str | None = None,
        details: dict[str, Any] | None = None,
        meta: dict[str, Any] | None = None,
        drop: tuple[str, ...] = (),
    ) -> Version:
        """Publish new table files as the next version of dataset `name`, atomically.

        `tables` maps a table kind to a Parquet file with the canonical columns (written by
        `siyu.ingest.convert` into `staging_dir()`). `mode`:
          new      the dataset must not exist yet;
          replace  the given tables replace the dataset's (other tables are kept);
          append   the rows are added to the dataset's table; rows whose key (order_id …)
                   is already there are skipped and counted in the version's details;
          auto     new dataset, or new tables of an existing one; refuses to overwrite a
                   table that exists (the caller must say replace or append).
        `drop` names tables the new version no longer has (the lines of orders that a
        file without lines replaced).
        """
        name = validate_name(name)
        for kind in tables:
            if kind not in TABLES:
                raise WorkspaceError("ws.bad_table", table=kind)
        if not tables:
            raise WorkspaceError("ws.nothing_to_publish")
        with self._writer() as cat:
            self._collect_litter(cat)
            key = self._handles(cat).get(name)
            raw = cat["datasets"][key] if key is not None else None
            if raw is not None and mode == "new":
                raise WorkspaceError("ws.exists", dataset=name)
            if raw is None:
                # a name is unique in its space only: one in a space this view does not see
                # is never mentioned, the new dataset gets a key of its own
                space = str((meta or {}).get("space") or self._home_space())
                key = name
                if key in cat["datasets"]:
                    key = f"{name}{_SEP}{space}"
                if key in cat["datasets"]:
                    key = f"{name}{_SEP}{space}{_SEP}{uuid.uuid4().hex[:8]}"
                raw = {
                    "id": uuid.uuid4().hex,
                    "title": title or name,
                    "created_at": _now(),
                    "current": 0,
                    "versions": [],
                    "meta": {},
                }
                if key != name:
                    raw["name"] = name
                if space != DEFAULT_SPACE:
                    raw["meta"]["space"] = space
            ds = self._dataset_from(name, raw) if raw["versions"] else None
            previous = dict(ds.head.tables) if ds else {}
            if mode == "auto":
                clash = sorted(k for k in tables if k in previous)
                if clash:
                    raise WorkspaceError("ws.table_exists", dataset=name, table=", ".join(clash))
            new_tables = dict(previous)
            details = dict(details or {})
            for kind, path in tables.items():
                if mode == "append" and kind in previous:
                    merged, skipped = self._append(previous[kind], Path(path), kind)
                    new_tables[kind] = self._adopt(raw["id"], merged)
                    details.setdefault("skipped_existing", {})[kind] = skipped
                else:
                    new_tables[kind] = self._adopt(raw["id"], Path(path))
            for kind in drop:
                if kind not in tables:
                    new_tables.pop(kind, None)
            # the base layer of the new version, built before the catalog names it: a build
            # that fails publishes nothing
            models.build(
                Source(tables={t: self.root / tf.path for t, tf in new_tables.items()}),
                self._base_dir(raw["id"]),
                {t: tf.sha256 for t, tf in new_tables.items()},
            )
            number = max((int(v["version"]) for v in raw["versions"]), default=0) + 1
            version = Version(
                version=number,
                at=_now(),
                action=action or ("import" if mode in ("auto", "new") else mode),
                files=tuple(files),
                tables=new_tables,
                details=details or None,
            )
            raw["versions"].append(_version_to(version))
            raw["current"] = number
            if title:
                raw["title"] = title
            if meta:
                raw["meta"] = {**raw.get("meta", {}), **meta}
            cat["datasets"][key] = raw
            return version

    def _append(self, old: TableFile, new: Path, kind: str) -> tuple[Path, int]:
        """Old rows plus the new rows whose key is not taken yet; returns (file, skipped)."""
        table = TABLES[kind]
        out = self.staging_dir() / f"{kind}.parquet"
        old_sql = f"read_parquet({quote_literal(str(self.root / old.path))})"
        new_sql = f"read_parquet({quote_literal(str(new))})"
        old_cols = canonical_select(kind, parquet_columns(str(self.root / old.path)))
        new_cols = canonical_select(kind, parquet_columns(str(new)))
        key = table.append_key or table.key
        if key:
            on = " and ".join(f"n.{quote_ident(k)} = o.{quote_ident(k)}" for k in key)
            fresh = (
                f"select {new_cols} from {new_sql} as n "
                f"where not exists (select 1 from {old_sql} as o where {on})"
            )
        else:
            fresh = f"select {new_cols} from {new_sql}"
        cur = database().cursor()
        try:
            cur.execute(
                f"copy (select {old_cols} from {old_sql} union all {fresh}) "
                f"to {quote_literal(str(out))} (format parquet, compression zstd)"
            )
            total_new = cur.execute(f"select count(*) from {new_sql}").fetchone()[0]
            kept = cur.execute(f"select count(*) from ({fresh})").fetchone()[0]
        finally:
            cur.close()
        return out, int(total_new - kept)

    def restore(self, name: str, version: int) -> Version:
        """Make an earlier version current again, as a new version (history stays linear)."""
        with self._writer() as cat:
            raw = cat["datasets"][self._key(cat, name)]
            ds = self._dataset_from(name, raw)
            old = ds.version(version)
            for tf in old.tables.values():
                if not (self.root / tf.path).exists():
                    raise WorkspaceError("ws.version_gone", dataset=name, version=version)
            number = max(v.version for v in ds.versions) + 1
            new = Version(
                version=number,
                at=_now(),
                action="restore",
                files=old.files,
                tables=dict(old.tables),
                note=f"{version}",
                details={"restored": version},
            )
            raw["versions"].append(_version_to(new))
            raw["current"] = number
            return new

    def delete(self, name: str) -> None:
        """Remove a dataset; its files go to the trash so that running readers finish."""
        with self._writer() as cat:
            raw = cat["datasets"].pop(self._key(cat, name))
            folder = self.root / "files" / raw["id"]
            if folder.exists():
                os.replace(folder, self.root / "trash" / f"{raw['id']}.{int(time.time())}")

    def set_meta(self, name: str, **meta: Any) -> None:
        with self._writer() as cat:
            key = self._key(cat, name)
            raw = cat["datasets"][key]
            space = meta.get("space")
            if space is not None and str(space) != _space_of(raw):
                # moving to a space that has this name already: the names would clash there
                mine = _name_of(key, raw)
                if any(
                    _name_of(k, r) == mine and _space_of(r) == str(space)
                    for k, r in cat["datasets"].items()
                ):
                    raise WorkspaceError("ws.exists", dataset=name)
            raw["meta"] = {**raw.get("meta", {}), **meta}

    def _home_space(self) -> str:
        """The space a new dataset of this view goes to when none is given."""
        if self.spaces:
            return sorted(self.spaces)[0]
        return DEFAULT_SPACE

    # ---- identity key and mapping memory ------------------------------------------------

    def identity_key(self) -> bytes:
        """The key phones used as ids are hashed with (HMAC-SHA256), created on first use.

        Kept in the workspace (`identity.key`, owner-only), so one number gives the same id in
        every import of the workspace, and the ids cannot be turned back into numbers without
        it. Two processes creating it at once end up with the same key: the file is linked
        into place atomically and the loser reads the winner's.
        """
        path = self.root / KEY_FILE
        with contextlib.suppress(FileNotFoundError, ValueError):
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        tmp = self.root / f".{KEY_FILE}.{uuid.uuid4().hex}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(self.root)
        return bytes.fromhex(path.read_text(encoding="ascii").strip())

    def recall_mapping(self, signature: str) -> dict[str, Any] | None:
        """The import settings last saved for files with this header signature."""
        try:
            memory = json.loads((self.root / MAPPINGS).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        entry = memory.get(signature) if isinstance(memory, dict) else None
        return entry if isinstance(entry, dict) else None

    def remember_mappings(self, entries: Mapping[str, dict[str, Any]]) -> None:
        """Save import settings by header signature (the newest `MAX_MAPPINGS` are kept)."""
        if not entries:
            return
        with self._writer():
            path = self.root / MAPPINGS
            try:
                memory = json.loads(path.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                memory = {}
            if not isinstance(memory, dict):
                memory = {}
            for signature, entry in entries.items():
                memory.pop(signature, None)
                memory[signature] = {**entry, "saved_at": _now()}
            kept = dict(list(memory.items())[-MAX_MAPPINGS:])
            tmp = self.root / f".{MAPPINGS}.{uuid.uuid4().hex}.tmp"
            with tmp.open("w", encoding="utf-8") as f:
                json.dump(kept, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)

    def _collect_litter(self, cat: Mapping[str, Any]) -> None:
        """Remove what interrupted writers left; the caller holds the writers' lock.

        Staging folders and trash older than an hour; catalog and mapping temp files (only
        written under this lock, so none is being written now); table files of `files/<id>/`
        that no version of the catalog names (a publish killed before its catalog write:
        publishing too happens only under this lock); folders of datasets the catalog does
        not know (to the trash, where readers that still hold a file finish); base-layer
        files no version plans, after an hour.
        """
        cutoff = time.time() - STALE_SECONDS
        for sub in ("staging", "trash"):
            for entry in (self.root / sub).iterdir():
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < cutoff:
                        if entry.is_dir():
                            shutil.rmtree(entry, ignore_errors=True)
                        else:
                            entry.unlink()
        for entry in self.root.iterdir():
            name = entry.name
            if not (name.startswith(".") and name.endswith(".tmp")):
                continue
            # an identity key may be being created (without the lock): only an old one goes
            locked = name.startswith((f".{CATALOG}.", f".{MAPPINGS}."))
            with contextlib.suppress(OSError):
                if locked or entry.stat().st_mtime < cutoff:
                    entry.unlink()
        by_id = {raw["id"]: raw for raw in cat["datasets"].values()}
        files = self.root / "files"
        for folder in files.iterdir():
            with contextlib.suppress(OSError):
                if not folder.is_dir():
                    continue
                raw = by_id.get(folder.name)
                if raw is None:
                    os.replace(folder, self.root / "trash" / f"{folder.name}.{time.time_ns()}")
                    continue
                versions = [_version_from(v) for v in raw["versions"]]
                named = {Path(tf.path).name for v in versions for tf in v.tables.values()}
                for entry in folder.iterdir():
                    stem = entry.name.removesuffix(".ok")
                    if stem.endswith(".parquet") and stem not in named and entry.is_file():
                        entry.unlink()
                    elif entry.name.endswith(".tmp") and entry.stat().st_mtime < cutoff:
                        entry.unlink()  # a stamp being written when its writer died
                self._collect_base(folder / "base", versions, cutoff)

    def _collect_base(self, base: Path, versions: list[Version], cutoff: float) -> None:
        if not base.is_dir():
            return
        planned = {
            path.name
            for v in versions
            for path in models.planned(base, {t: tf.sha256 for t, tf in v.tables.items()}).values()
        }
        for entry in base.iterdir():
            with contextlib.suppress(OSError):
                if entry.name == ".lock" or entry.stat().st_mtime >= cutoff:
                    continue
                if entry.name.endswith(".tmp") or (
                    entry.name.endswith(".parquet") and entry.name not in planned
                ):
                    entry.unlink()


def _space_of(raw: Mapping[str, Any]) -> str:
    return str((raw.get("meta") or {}).get("space") or DEFAULT_SPACE)


def _name_of(key: str, raw: Mapping[str, Any]) -> str:
    return str(raw.get("name") or key)


def _stamp(st: os.stat_result, sha256: str) -> str:
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {sha256}"


def _write_stamp(path: Path, text: str) -> None:
    """Write a verification stamp atomically; a read-only workspace just goes without."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(text, encoding="ascii")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _count_rows(path: Path) -> int:
    cur = database().cursor()
    try:
        return int(
            cur.execute(
                f"select count(*) from read_parquet({quote_literal(str(path))})"
            ).fetchone()[0]
        )
    finally:
        cur.close()


def validate_name(name: str) -> str:
    """A dataset name as the user typed it, trimmed; refuses empty, too long or control chars."""
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 80 or any(ord(ch) < 32 for ch in cleaned):
        raise WorkspaceError("ws.bad_name")
    return cleaned
