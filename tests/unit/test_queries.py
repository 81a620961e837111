"""Every `queries/*.sql` file: one statement, a documented header, bound parameters only.

The header names each `$param` as `$name   type: meaning`; the type also tells this test
what value to bind when it runs the file on an empty dataset.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from siyu.config import QUERIES_DIR
from siyu.db import Source, database

QUERY_FILES = sorted(QUERIES_DIR.glob("*.sql"))
SAMPLE_VALUES = {
    "date": dt.date(2024, 3, 4),
    "timestamp": dt.datetime(2024, 3, 4, 12, 0),
    "integer": 3,
    "double": 0.5,
    "boolean": True,
    "text": "day",
}
HEADER_PARAM = re.compile(r"^--\s+\$(\w+)\s+(\w+):", re.MULTILINE)


def header(sql: str) -> str:
    """The leading comment block of a query file."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


def named_parameters(sql: str) -> set[str]:
    statements = database().cursor().extract_statements(sql)
    assert len(statements) == 1, "one statement per file"
    return set(statements[0].named_parameters)


def test_there_are_query_files():
    names = {p.stem for p in QUERY_FILES}
    assert {"data_range", "kpis_orders", "kpis_members", "kpis_daily", "timeseries"} <= names


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_file_has_one_statement(path):
    sql = path.read_text(encoding="utf-8")
    assert len(database().cursor().extract_statements(sql)) == 1


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_header_documents_each_parameter_with_a_type(path):
    sql = path.read_text(encoding="utf-8")
    head = header(sql)
    assert head, "a query file starts with a comment saying what it returns"
    documented = dict(HEADER_PARAM.findall(head))
    assert set(documented) == named_parameters(sql)
    for name, sql_type in documented.items():
        assert sql_type in SAMPLE_VALUES, f"${name}: unknown type {sql_type!r}"
    if not documented:
        assert "Parameters: none" in head


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_file_is_not_a_template(path):
    sql = path.read_text(encoding="utf-8")
    # values are bound as $name, never pasted in with str.format or f-strings
    assert "{" not in sql and "}" not in sql
    assert "?" not in sql.replace(header(sql), "")
    assert sql == sql.strip() + "\n"
    assert sql.rstrip().endswith("select * from final")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_query_runs_on_an_empty_dataset(path):
    sql = path.read_text(encoding="utf-8")
    params = {name: SAMPLE_VALUES[sql_type] for name, sql_type in HEADER_PARAM.findall(header(sql))}
    df = Source({}).query(path.stem, **params)
    assert list(df.columns), path.name
