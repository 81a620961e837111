"""Settings read from the environment (and, in the app, from `.streamlit/secrets.toml`).

Every setting has a default that works on a laptop; the README lists them.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"


@dataclass(frozen=True)
class Settings:
    workspace: Path
    timezone: str
    max_file_mb: int
    max_rows: int
    max_unpacked_mb: int  # what a .gz or .xlsx may unpack to (bombs are refused beyond it)
    duckdb_threads: int
    duckdb_memory_limit: str
    duckdb_temp_dir: str  # where DuckDB spills what does not fit in memory
    max_queries: int  # metric queries running at once in a process (the others queue)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        return default


def settings() -> Settings:
    """Current settings; read each call so tests can change the environment."""
    return Settings(
        workspace=Path(os.environ.get("SIYU_WORKSPACE") or PROJECT_ROOT / "data" / "workspace"),
        timezone=os.environ.get("SIYU_TIMEZONE") or "Asia/Shanghai",
        max_file_mb=_int("SIYU_MAX_FILE_MB", 500),
        max_rows=_int("SIYU_MAX_ROWS", 20_000_000),
        max_unpacked_mb=_int("SIYU_MAX_UNPACKED_MB", 1024),
        duckdb_threads=_int("SIYU_DUCKDB_THREADS", min(os.cpu_count() or 2, 4)),
        duckdb_memory_limit=os.environ.get("SIYU_DUCKDB_MEMORY_LIMIT") or "4GB",
        duckdb_temp_dir=os.environ.get("SIYU_DUCKDB_TEMP_DIR")
        or os.path.join(tempfile.gettempdir(), "siyu-duckdb"),
        max_queries=max(1, _int("SIYU_MAX_QUERIES", 4)),
    )
