"""Shared fixtures: workspaces (empty, and one holding the demo dataset)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from siyu.demo import ensure_demo
from siyu.workspace import Workspace

# A missing translation key (or language) raises in every test, pages included: the walk of
# tests/pages/test_every_word.py then names it instead of showing the key on a screen.
os.environ.setdefault("SIYU_STRICT_I18N", "1")


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """A workspace with the demo dataset, built once per test session; copy it to change it."""
    root = tmp_path_factory.mktemp("demo") / "ws"
    assert ensure_demo(Workspace(root)) == "demo"
    return root


@pytest.fixture
def demo_ws(demo_root, tmp_path) -> Workspace:
    """A private copy of the demo workspace that a test may change."""
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    return Workspace(root)


@pytest.fixture
def empty_ws(tmp_path) -> Workspace:
    return Workspace(tmp_path / "empty")
