"""The house rules a scan can check (../shared/STYLE.md, issue 20): pages only describe their
screen, no page copies another, every translation key is written out and exists, and the
README's page table and metric list say what the code has."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from siyu import metrics
from siyu.i18n import LANGUAGES, TEXT
from siyu.web.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
CODE_FILES = [
    *(p for p in sorted((ROOT / "siyu").rglob("*.py")) if "text" not in p.parts),
    *PAGE_FILES,
]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# -- pages describe the screen -------------------------------------------------------------

_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
# Workspace writes belong to siyu (the import flow, saved scenarios), never to a page.
_WRITES = {"set_meta", "delete", "restore", "commit", "import_files", "publish"}


def _logic_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(_tree(path)):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        arithmetic = isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC)
        if arithmetic or isinstance(node, ast.AugAssign):
            found.append(f"{where} arithmetic {ast.unparse(node)}")
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            found.append(f"{where} number format {ast.unparse(node)}")
        elif isinstance(node, ast.Attribute) and node.attr in _WRITES:
            found.append(f"{where} workspace write {ast.unparse(node)}")
    return found


def test_pages_hold_no_arithmetic_formatting_or_workspace_writes():
    assert [hit for path in PAGE_FILES for hit in _logic_in(path)] == []


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#") and text not in (")", "]", "}", "),", "],", "},"):
            out.append((number, text))
    return out


def test_no_block_of_six_lines_stands_copied_between_two_pages():
    size = 6
    seen: dict[tuple[str, ...], str] = {}
    copies = []
    for path in PAGE_FILES:
        lines = _lines(path)
        mine = set()
        for i in range(len(lines) - size + 1):
            block = tuple(text for _, text in lines[i : i + size])
            where = f"{path.relative_to(ROOT)}:{lines[i][0]}"
            if block in seen and block not in mine:
                copies.append(f"{where} repeats {seen[block]}")
            mine.add(block)
        for block in mine:
            seen.setdefault(block, f"{path.relative_to(ROOT)}")
    assert copies == []


# -- translation keys ----------------------------------------------------------------------

_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$")
_FILES = ("py", "csv", "sql", "xlsx", "html", "json", "toml", "parquet", "md", "txt")
_NAMESPACES = {key.split(".")[0] for key in TEXT}


def _key_like(text: str) -> bool:
    return (
        bool(_KEY.match(text))
        and text.split(".")[0] in _NAMESPACES
        and (text.rsplit(".", 1)[-1] not in _FILES)
    )


def test_every_translation_key_the_code_writes_exists_in_the_three_languages():
    used: dict[str, str] = {}
    for path in CODE_FILES:
        for node in ast.walk(_tree(path)):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and _key_like(text):
                used.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    assert len(used) > 500  # the scan finds the keys
    missing = {k: where for k, where in used.items() if set(TEXT.get(k, {})) != set(LANGUAGES)}
    assert missing == {}


def _built_keys(path: Path) -> list[str]:
    """f-strings (and `+`) whose fixed start is a translation key's: keys built at run time,
    which no scan can check."""
    found = []
    for node in ast.walk(_tree(path)):
        head = None
        if isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            head = first.value if isinstance(first, ast.Constant) else ""
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
        ):
            head = node.left.value
        start = re.match(r"([a-z][a-z0-9_]*)\.[A-Za-z0-9_.]*$", head or "")
        if start and start.group(1) in _NAMESPACES:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_translation_key_is_built_at_run_time():
    assert [hit for path in CODE_FILES for hit in _built_keys(path)] == []


# -- the README ----------------------------------------------------------------------------


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_page_file_is_in_the_page_table():
    # a page left out of siyu.web.pages would be missing from the navigation and every page test
    files = {str(p.relative_to(ROOT)) for p in PAGE_FILES}
    assert files == {p.path for p in PAGES}


def test_the_readme_page_table_lists_every_page_and_no_other():
    section = _readme().split("## Pages", 1)[1].split("\n## ", 1)[0]
    files = re.findall(r"^\|[^|]+\|\s*`([^`]+\.py)`\s*\|", section, flags=re.M)
    assert sorted(files) == sorted(p.path for p in PAGES)
    assert len(files) == len(set(files))


def test_the_readme_metric_list_names_every_metric_and_no_other():
    section = _readme().split("Metric names (", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"`([a-z][a-z0-9_]*)`", section))
    assert sorted(listed - set(metrics.names())) == []
    assert sorted(set(metrics.names()) - listed) == []
