"""The built-in demo dataset: generated deterministically and imported on first start."""

from __future__ import annotations

import shutil

from siyu.importer import FileRequest, import_files
from siyu.workspace import Workspace, WorkspaceError

DEMO_NAME = "demo"
DEMO_TITLE = "演示数据"
DEMO_TABLES = ("orders", "members", "activity", "groups", "staff_daily")


def ensure_demo(ws: Workspace, *, force: bool = False, members: int = 5000) -> str | None:
    """Import the demo as dataset "demo" when the workspace has no dataset (or `force`).

    Returns the dataset name when it imported it, None when there was nothing to do. Two
    processes starting together are fine: the second finds the name taken and stops.
    """
    from siyu import sample

    if not force and ws.datasets():
        return None
    if ws.exists(DEMO_NAME):
        return None
    folder = ws.staging_dir()
    try:
        paths = sample.generate(folder, members=members)
        requests = [
            FileRequest(data=paths[kind], filename=f"{kind}.csv", kind=kind)
            for kind in DEMO_TABLES
            if kind in paths
        ]
        try:
            import_files(ws, DEMO_NAME, requests, mode="new", title=DEMO_TITLE, action="demo")
        except WorkspaceError as exc:
            if exc.key == "ws.exists":
                return None
            raise
        return DEMO_NAME
    finally:
        shutil.rmtree(folder, ignore_errors=True)
