"""The metric queries on ClickHouse: chdb in the process, or a server through clickhouse-connect.

One source of SQL. `queries/*.sql` and `queries/base/*.sql` stay DuckDB SQL; each is
translated with sqlglot when first used (`translated`), then these DuckDB-isms are rewritten
in the syntax tree, each with the reason it cannot be left to sqlglot's own dialect:

- `$name` parameters become typed ClickHouse query parameters `{name:Nullable(T)}` (T from
  the file's header: date, timestamp, integer, double, boolean, text), bound by the engine,
  never formatted into the text;
- `a / b` divides as Float64 (DuckDB divides decimals and integers as doubles; ClickHouse
  would keep the dividend's decimal scale and cut 2.5 to 2.50 or 0.33);
- a cast to a decimal rounds half away from zero from the value's shortest text (DuckDB
  rounds, ClickHouse's CAST truncates: 2.675 would read 2.67, DuckDB says 2.68);
- `list(x order by k)` keeps NULLs and its order (`groupArray` drops NULLs and has none);
- `median` is `quantileExactInclusive(0.5)` (ClickHouse's `median` is a sampled estimate);
- `round` rounds half away from zero (ClickHouse rounds floats half to even);
- `string_split('')` is `['']` as in DuckDB (ClickHouse's `splitByString` gives `[]`);
- `epoch`, `generate_series`/`range` over dates, `min(x, n)`/`max(x, n)`, DuckDB's
  `dayofweek`, and references to the canonical tables and base models, which are renamed to
  `__siyu_<name>` and defined in front of the query as subqueries over the Parquet files
  (ClickHouse has no temporary views and a CTE cannot read a table of its own name, as
  `with orders as (select * from orders)` does in DuckDB).

What no rewrite can make right is written by hand in `queries/clickhouse/<name>.sql` (or
`queries/clickhouse/base/<name>.sql`), each file saying why in its header; `HANDWRITTEN`
lists them. A query that fails on ClickHouse raises `EngineError` with one line naming the
query and the engine: never a wrong number.

Settings that change semantics are set once, in `SETTINGS`, on every connection and tested
(tests/unit/test_engines.py). Result frames are cast to the column types DuckDB gives for
the same file (read from DuckDB's run of it on the empty dataset), so every layer above
sees the same dtypes on every engine.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from siyu import models
from siyu.config import QUERIES_DIR, settings
from siyu.engines import EngineError
from siyu.schema import TABLES, quote_ident

if TYPE_CHECKING:
    import pyarrow as pa

    from siyu.db import Source

HAND_DIR = QUERIES_DIR / "clickhouse"

# Settings that make ClickHouse read the queries as DuckDB does; set on every connection.
SETTINGS: dict[str, Any] = {
    # an outer join's missing side is NULL, not the type's default (0, '')
    "join_use_nulls": 1,
    # DuckDB's TIMESTAMP has no zone: imports already wrote wall-clock times of the
    # workspace's zone (SIYU_TIMEZONE), so ClickHouse must not shift them; UTC is no shift
    "session_timezone": "UTC",
    # sum/avg/min/max over no rows are NULL, as in SQL (ClickHouse: 0)
    "aggregate_functions_null_for_empty": 1,
    # plain UNION means UNION DISTINCT, as in SQL (ClickHouse: an error)
    "union_default_mode": "DISTINCT",
    # the rolled-up keys of grouping sets are NULL, as in SQL (ClickHouse: defaults)
    "group_by_use_nulls": 1,
    "force_grouping_standard_compatibility": 1,
    # `cast(x as date) as x ... where x > …` reads the column x, as in SQL
    "prefer_column_name_to_alias": 1,
    # join conditions with <, >= (member_spans × person_days), correlated EXISTS
    "allow_experimental_join_condition": 1,
    "allow_experimental_correlated_subqueries": 1,
    # tuple(a, b) names its fields a and b, as DuckDB's struct_pack(a, b): `s.a` reads one
    "enable_named_columns_in_function_tuple": 1,
    # greatest/least skip NULLs, as DuckDB's do
    "least_greatest_legacy_null_behavior": 0,
    # a long query (the event funnel) inlines its CTEs at every use: a bigger plan
    "query_plan_max_optimizations_to_apply": 1000000,
    # the result as plain Arrow strings
    "output_format_arrow_string_as_string": 1,
    "output_format_arrow_low_cardinality_as_dictionary": 0,
}

# Header types of `$params` (tests/unit/test_queries.py) → ClickHouse types.
PARAM_TYPES = {
    "date": "Date",
    "timestamp": "DateTime64(6)",
    "integer": "Int64",
    "double": "Float64",
    "boolean": "Bool",
    "text": "String",
}

# DuckDB types of the canonical tables (siyu/schema.py) → ClickHouse types.
COLUMN_TYPES = {
    "VARCHAR": "String",
    "TIMESTAMP": "DateTime64(6)",
    "DATE": "Date",
    "INTEGER": "Int32",
    "BIGINT": "Int64",
    "DOUBLE": "Float64",
    "BOOLEAN": "Bool",
}

_INTEGER_NAMES = (
    "TINYINT",
    "SMALLINT",
    "INT",
    "BIGINT",
    "UTINYINT",
    "USMALLINT",
    "UINT",
    "UBIGINT",
)
_HEADER_PARAM = re.compile(r"^--\s+\$(\w+)\s+(\w+):", re.MULTILINE)
_PREFIX = "__siyu_"


def _ch_type(duck: str) -> str:
    m = re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", duck)
    if m:
        return f"Decimal({m.group(1)}, {m.group(2)})"
    return COLUMN_TYPES[duck]


# -- which files -----------------------------------------------------------------------------


def handwritten() -> dict[str, Path]:
    """Every hand-written ClickHouse file: `name` or `base/name` → path."""
    out = {p.stem: p for p in sorted(HAND_DIR.glob("*.sql"))}
    out.update({f"base/{p.stem}": p for p in sorted((HAND_DIR / "base").glob("*.sql"))})
    return out


HANDWRITTEN = tuple(sorted(handwritten()))


def param_types(sql: str) -> dict[str, str]:
    """`$name` → ClickHouse type, from the header of a DuckDB query file."""
    out = {}
    for name, kind in _HEADER_PARAM.findall(sql):
        if kind not in PARAM_TYPES:
            raise EngineError(f"query header: ${name} has type {kind!r}, not one of PARAM_TYPES")
        out[name] = PARAM_TYPES[kind]
    return out


# -- translation -----------------------------------------------------------------------------


def _sqlglot():
    try:
        import sqlglot
    except ImportError as exc:  # pragma: no cover - the optional install is missing
        raise EngineError(
            "SIYU_ENGINE needs the ClickHouse extras: pip install -r requirements-clickhouse.txt"
        ) from exc
    return sqlglot


def _relations() -> set[str]:
    return set(TABLES) | {m.name for m in models.models()}


def _rename_relations(tree, names: set[str]) -> set[str]:
    """Rename every reference to a canonical table or base model that no CTE in scope shadows
    to `__siyu_<name>`; return the names referenced."""
    from sqlglot import exp

    used: set[str] = set()

    def walk(node, visible: frozenset[str]) -> None:
        if (
            isinstance(node, exp.Table)
            and not node.args.get("db")
            and isinstance(node.this, exp.Identifier)
            and node.name in names
            and node.name not in visible
        ):
            name = node.name
            used.add(name)
            alias = node.alias or name
            node.set("this", exp.to_identifier(_PREFIX + name))
            node.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
        with_ = node.args.get("with_") if isinstance(node, exp.Expr) else None
        inner = visible
        if with_ is not None:
            recursive = bool(with_.args.get("recursive"))
            seen = set(visible)
            for cte in with_.expressions:
                # in WITH RECURSIVE a CTE reads itself only through a UNION (as in DuckDB)
                own = {cte.alias} if recursive and isinstance(cte.this, exp.Union) else set()
                walk(cte.this, frozenset(seen | own))
                seen.add(cte.alias)
            inner = frozenset(seen)
        for key, child in node.args.items():
            if key == "with_":
                continue
            for c in child if isinstance(child, list) else [child]:
                if isinstance(c, exp.Expr):
                    walk(c, inner)

    walk(tree, frozenset())
    return used


def _placeholders(tree, types: Mapping[str, str], where: str) -> None:
    from sqlglot import exp

    for ph in list(tree.find_all(exp.Placeholder, exp.Parameter)):
        name = ph.name
        if name not in types:
            raise EngineError(f"{where}: parameter ${name} is not typed in the file's header")
        kind = exp.DataType.build(f"Nullable({types[name]})", dialect="clickhouse")
        ph.replace(exp.Placeholder(this=name, kind=kind))


def _call(name: str, *args):
    from sqlglot import exp

    return exp.Anonymous(this=name, expressions=list(args))


def _lambda(var: str, body):
    from sqlglot import exp

    return exp.Lambda(this=body, expressions=[exp.to_identifier(var)])


def _series(node):
    """DuckDB's generate_series/range as a ClickHouse array (inclusive unless `range`)."""
    from sqlglot import exp

    start, end = node.args.get("start"), node.args.get("end")
    step = node.args.get("step")
    inclusive = not node.args.get("is_end_exclusive")
    if isinstance(step, exp.Interval):
        unit = step.unit.name.lower() if step.unit else "day"
        if unit not in ("day", "days") or step.this.name not in ("1",):
            raise EngineError("generate_series with a step other than 1 day")
        days = _call("dateDiff", exp.Literal.string("day"), start.copy(), end.copy())
        if inclusive:
            days = exp.Add(this=days, expression=exp.Literal.number(1))
        count = _call(
            "greatest", _call("ifNull", days, exp.Literal.number(0)), exp.Literal.number(0)
        )
        i = exp.to_identifier("__i")
        return _call(
            "arrayMap",
            _lambda("__i", _call("addDays", start.copy(), i)),
            _call("range", _call("toUInt64", count)),
        )
    if start is None:
        start = exp.Literal.number(0)
    lo = _call("ifNull", start.copy(), exp.Literal.number(0))
    hi = _call("ifNull", end.copy(), exp.Literal.number(0))
    if inclusive:
        hi = exp.Add(this=hi, expression=exp.Literal.number(1))
    args = [
        _call("toInt64", lo),
        _call("greatest", _call("toInt64", hi), _call("toInt64", lo.copy())),
    ]
    if step is not None:
        args.append(step.copy())
    return _call("range", *args)


def _series_table(node):
    """`from generate_series(…) [as t(col)]` → `(select arrayJoin(…) as col) as t`."""
    from sqlglot import exp

    series = node.this
    alias = node.args.get("alias")
    default = "range" if series.args.get("is_end_exclusive") else "generate_series"
    table_name = alias.name if alias is not None and alias.name else default
    cols = alias.columns if alias is not None else []
    col = cols[0].name if cols else default
    select = exp.select(exp.alias_(exp.Explode(this=series.copy()), col))
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(table_name)))


def _fractional(node) -> bool:
    """Whether an expression may hold a fraction (a quotient, a mean, a median, a product
    with a decimal literal); a column's type is not known here, so it is not."""
    from sqlglot import exp

    if isinstance(node, exp.Paren):
        return _fractional(node.this)
    if isinstance(node, exp.Div | exp.Avg | exp.Stddev | exp.StddevSamp | exp.Quantile):
        return True
    if isinstance(node, exp.Anonymous) and node.name.lower().startswith("quantile"):
        return True
    if isinstance(node, exp.Literal) and not node.is_string:
        return not node.is_int
    if isinstance(node, exp.Cast):
        return node.to.this.name in ("DECIMAL", "DOUBLE", "FLOAT")
    if isinstance(node, exp.Mul | exp.Add | exp.Sub):
        return _fractional(node.this) or _fractional(node.expression)
    return False


def _rewrite(node):
    """One DuckDB construct → its ClickHouse equal (see the module's docstring)."""
    from sqlglot import exp

    if isinstance(node, exp.GenerateSeries):
        return _series(node)
    if isinstance(node, exp.DataType) and node.this in (
        exp.DType.TIMESTAMP,
        exp.DType.TIMESTAMPNTZ,
        exp.DType.DATETIME,
    ):
        typ = exp.DataType.build("DateTime64(6)", dialect="clickhouse")
        typ.set("nullable", None)
        return typ
    if isinstance(node, exp.DataType) and node.this == exp.DType.DATE:
        typ = exp.DataType.build("Date", dialect="clickhouse")
        typ.set("nullable", None)
        return typ
    if isinstance(node, exp.Count | exp.Filter | exp.Window):
        # DuckDB counts as BIGINT; ClickHouse's UInt64 has no common type with Int64 in a
        # UNION or CASE (a Variant that sum() rejects)
        inner = node.this if isinstance(node, exp.Window) else node
        inner = inner.this if isinstance(inner, exp.Filter) else inner
        counts = exp.Count | exp.RowNumber | exp.Rank | exp.DenseRank
        if not isinstance(inner, counts) or isinstance(node.parent, exp.Filter | exp.Window):
            return node
        return _call("toInt64", node.copy())
    if isinstance(node, exp.TimeToUnix):
        micros = _call("toUnixTimestamp64Micro", node.this)
        return exp.Div(this=micros, expression=exp.Literal.number(1000000.0))
    if (
        isinstance(node, exp.Cast)
        and isinstance(node.this, exp.Null)
        and node.to.is_type(exp.DType.ARRAY)
    ):
        # ClickHouse has no NULL array: an empty one (DuckDB's NULL list reads as none)
        return exp.Cast(this=exp.Array(expressions=[]), to=node.to)
    if isinstance(node, exp.Length):
        return _call("toInt64", _call("length", node.this))
    if isinstance(node, exp.LogicalOr):
        return _call("max", node.this)
    if isinstance(node, exp.LogicalAnd):
        return _call("min", node.this)
    if isinstance(node, exp.ArrayAppend):
        return _call("arrayPushBack", node.this, node.expression)
    if isinstance(node, exp.DayOfWeek):
        return _call("toDayOfWeek", node.this, exp.Literal.number(2))
    if isinstance(node, exp.Div):
        return exp.Div(
            this=_call("toFloat64", node.this),
            expression=_call("toFloat64", node.expression),
        )
    if (
        isinstance(node, exp.Cast)
        and node.to.this.name in _INTEGER_NAMES
        and _fractional(node.this)
    ):
        # DuckDB rounds a fraction cast to an integer (half to even for doubles, half away
        # from zero for decimals, as ClickHouse's round does); ClickHouse's CAST truncates
        node.set("this", _call("round", node.this))
        return node
    if isinstance(node, exp.Cast | exp.TryCast) and node.to.this == exp.DType.DECIMAL:
        params = node.to.expressions
        scale = int(params[1].name) if len(params) > 1 else 0
        inner = node.this
        if isinstance(inner, exp.Null):
            return node
        text = _call("toString", inner)
        exact = _call("toDecimal128", text, exp.Literal.number(max(scale, 12)))
        node.set("this", _call("round", exact, exp.Literal.number(scale)))
        return node
    if isinstance(node, exp.Median):
        return exp.Anonymous(this="quantileExactInclusive(0.5)", expressions=[node.this])
    if isinstance(node, exp.Round):
        x = node.this
        digits = node.args.get("decimals") or exp.Literal.number(0)
        scale = _call("pow", exp.Literal.number(10), digits)
        shifted = _call(
            "floor",
            exp.Add(
                this=exp.Mul(this=_call("abs", x), expression=scale),
                expression=exp.Literal.number(0.5),
            ),
        )
        return exp.Div(
            this=exp.Mul(this=_call("sign", x.copy()), expression=shifted),
            expression=scale.copy(),
        )
    if isinstance(node, exp.ArrayAgg):
        this = node.this
        order = None
        if isinstance(this, exp.Order):
            order = this
            this = this.this
        pairs = _call("groupArray", exp.Tuple(expressions=[this.copy()]))
        first = _lambda(
            "__t", _call("tupleElement", exp.to_identifier("__t"), exp.Literal.number(1))
        )
        if order is None:
            return _call("arrayMap", first, pairs)
        keys = [o.this.copy() for o in order.expressions]
        desc = {bool(o.args.get("desc")) for o in order.expressions}
        if len(desc) != 1:
            raise EngineError("list(… order by …) with mixed directions has no ClickHouse form")
        key = keys[0] if len(keys) == 1 else exp.Tuple(expressions=keys)
        pairs = _call("groupArray", exp.Tuple(expressions=[this.copy(), key]))
        by = _lambda("__t", _call("tupleElement", exp.to_identifier("__t"), exp.Literal.number(2)))
        sort = "arrayReverseSort" if desc.pop() else "arraySort"
        return _call("arrayMap", first, _call(sort, by, pairs))
    if isinstance(node, exp.Min | exp.Max) and node.args.get("count") is not None:
        sort = "arraySort" if isinstance(node, exp.Min) else "arrayReverseSort"
        return _call(
            "arraySlice",
            _call(sort, _call("groupArray", node.this)),
            exp.Literal.number(1),
            node.args["count"],
        )
    if isinstance(node, exp.Split):
        text, sep = node.this, node.expression
        return exp.Paren(
            this=exp.If(
                this=exp.EQ(this=text.copy(), expression=exp.Literal.string("")),
                true=exp.Array(expressions=[exp.Literal.string("")]),
                false=_call("splitByString", sep, text),
            )
        )
    if (
        isinstance(node, exp.Bracket)
        and len(node.expressions) == 1
        and isinstance(node.expressions[0], exp.Slice)
    ):
        # DuckDB's l[a:b] is 1-based and inclusive; l[a:] runs to the end
        piece = node.expressions[0]
        start = piece.this or exp.Literal.number(1)
        args = [node.this, start.copy()]
        if piece.expression is not None:
            args.append(
                exp.Add(
                    this=exp.Sub(this=piece.expression.copy(), expression=start.copy()),
                    expression=exp.Literal.number(1),
                )
            )
        return _call("arraySlice", *args)
    if isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.AnyValue | exp.First):
        # ClickHouse's any() skips NULLs already (and takes no IGNORE NULLS)
        return _call("any", node.this.this)
    return node


def _join_keys(tree) -> None:
    """ClickHouse joins on an equality (its hash key), with any other condition beside it;
    DuckDB also joins on an inequality alone (`asof join … on a.day >= b.day`, `between`).
    Such a join gets a constant key on both sides."""
    from sqlglot import exp

    for join in list(tree.find_all(exp.Join)):
        on = join.args.get("on")
        if on is None or any(True for _ in on.find_all(exp.EQ)):
            continue
        select = join.parent
        left = select.args["from_"].this
        left_name = left.alias_or_name
        if not (isinstance(left, exp.Subquery) and left.args.get("__keyed")):
            sub = exp.select(exp.Star(), exp.alias_(exp.Literal.number(0), "__key")).from_(
                left.copy()
            )
            keyed = sub.subquery(left_name)
            keyed.set("__keyed", True)
            left.replace(keyed)
        right = join.this
        right_name = right.alias_or_name
        sub = exp.select(exp.Star(), exp.alias_(exp.Literal.number(0), "__key")).from_(right.copy())
        right.replace(sub.subquery(right_name))
        key = exp.EQ(
            this=exp.column("__key", table=left_name),
            expression=exp.column("__key", table=right_name),
        )
        join.set("on", exp.and_(key, on.copy()))


def _null_lists(tree) -> None:
    """ClickHouse has no NULL array: `cast(null as date[])` is an empty one (below), so a
    `coalesce` over a column that holds such a NULL somewhere reads an empty array as
    missing: `if(notEmpty(a), a, b)`. (Lists from data are never empty: `list()` of >= 1
    row.)"""
    from sqlglot import exp

    names = set()
    for alias in tree.find_all(exp.Alias):
        inner = alias.this
        if (
            isinstance(inner, exp.Cast)
            and isinstance(inner.this, exp.Null)
            and inner.to.is_type(exp.DType.ARRAY)
        ):
            names.add(alias.alias)
    if not names:
        return
    for co in list(tree.find_all(exp.Coalesce)):
        first = co.this
        rest = co.expressions
        if isinstance(first, exp.Column) and first.name in names and len(rest) == 1:
            co.replace(
                exp.If(
                    this=_call("notEmpty", first.copy()), true=first.copy(), false=rest[0].copy()
                )
            )


def _drop_cte_hints(tree) -> None:
    """DuckDB's `as [not] materialized` hints: ClickHouse inlines every CTE (its own
    MATERIALIZED is experimental and refused in a WITH RECURSIVE)."""
    from sqlglot import exp

    for cte in tree.find_all(exp.CTE):
        cte.set("materialized", None)


def _lateral_series(tree) -> None:
    """`from t cross join generate_series(t.a, t.b, …) as s` reads columns of t, a lateral
    join ClickHouse has not: it becomes `ARRAY JOIN <array> AS __s_col`."""
    from sqlglot import exp

    for join in list(tree.find_all(exp.Join)):
        table = join.this
        if not (isinstance(table, exp.Table) and isinstance(table.this, exp.GenerateSeries)):
            continue
        series = table.this
        if not any(True for _ in series.find_all(exp.Column)):
            continue
        alias = table.args.get("alias")
        default = "range" if series.args.get("is_end_exclusive") else "generate_series"
        t = alias.name if alias is not None and alias.name else default
        cols = alias.columns if alias is not None else []
        c = cols[0].name if cols else default
        new = f"__{t}_{c}"
        select = join.parent
        join.replace(exp.Join(this=exp.alias_(series.copy(), new), kind="ARRAY"))
        for col in list(select.find_all(exp.Column)):
            if col.name == c and col.table in (t, ""):
                col.replace(exp.column(new))


def _output_names(select, ctes) -> list[str]:
    """The column names of a select (a star read through the CTE it selects from)."""
    from sqlglot import exp

    if isinstance(select, exp.Union):
        return _output_names(select.this, ctes)
    names: list[str] = []
    for e in select.expressions:
        if isinstance(e, exp.Star):
            source = select.args["from_"].this
            if not isinstance(source, exp.Table) or source.name not in ctes:
                raise EngineError("union by name over a star that is not a CTE")
            names.extend(_output_names(ctes[source.name], ctes))
        else:
            names.append(e.alias_or_name)
    return names


def _union_by_name(tree) -> None:
    """`a union all by name b` (ClickHouse has no BY NAME): both sides select every column
    name of either, in DuckDB's order (a's, then b's new ones), NULL where a side lacks one."""
    from sqlglot import exp

    ctes = {}
    for cte in tree.find_all(exp.CTE):
        ctes.setdefault(cte.alias, cte.this)
    for union in list(tree.find_all(exp.Union)):
        if not union.args.get("by_name"):
            continue
        left, right = union.this, union.expression
        lnames, rnames = _output_names(left, ctes), _output_names(right, ctes)
        every = lnames + [n for n in rnames if n not in lnames]

        union.set("this", _side(left, lnames, every))
        union.set("expression", _side(right, rnames, every))
        union.set("by_name", None)


def _side(query, have: list[str], every: list[str]):
    """`select <every name, NULL where query lacks it> from (query)`."""
    from sqlglot import exp

    cols = [
        exp.column(n, quoted=True) if n in have else exp.alias_(exp.null(), n, quoted=True)
        for n in every
    ]
    return exp.select(*cols).from_(query.copy().subquery("__side"))


def _rewrite_functions(tree):
    from sqlglot import exp

    _lateral_series(tree)
    _union_by_name(tree)
    _join_keys(tree)
    _null_lists(tree)
    _drop_cte_hints(tree)
    # ORDER BY reads the select's own output names first (SQL); ClickHouse, told to prefer
    # columns to aliases in WHERE (SETTINGS), would read the input column: say the position
    for select in tree.find_all(exp.Select):
        order = select.args.get("order")
        if order is None:
            continue
        names = [e.alias_or_name if isinstance(e, exp.Alias) else None for e in select.expressions]
        for ordered in order.expressions:
            col = ordered.this
            if isinstance(col, exp.Column) and not col.table and col.name in names:
                col.replace(exp.Literal.number(names.index(col.name) + 1))
    # a projected integer literal is DuckDB's INTEGER, signed (ClickHouse: UInt8, and a
    # recursive CTE's `step + 1` would climb to UInt64, which mixes with no Int64)
    for alias in list(tree.find_all(exp.Alias)):
        lit = alias.this
        if isinstance(lit, exp.Literal) and lit.is_int and isinstance(alias.parent, exp.Select):
            kind = "toInt32" if abs(int(lit.name)) < 2**31 else "toInt64"
            alias.set("this", _call(kind, lit.copy()))
    # ClickHouse names a projected `t.col` "t.col" where a join is in scope; SQL names it col
    for select in tree.find_all(exp.Select):
        for i, e in enumerate(select.expressions):
            if isinstance(e, exp.Column) and e.table:
                select.expressions[i] = exp.alias_(e.copy(), e.name, quoted=True)
                select.expressions[i].parent = select

    # DuckDB functions sqlglot leaves by name
    for fn in list(tree.find_all(exp.Anonymous)):
        name = fn.name.lower()
        args = fn.expressions
        if name == "epoch":
            fn.replace(
                exp.Div(
                    this=_call("toUnixTimestamp64Micro", args[0]),
                    expression=exp.Literal.number(1000000.0),
                )
            )
        elif name == "epoch_us":
            fn.replace(_call("toUnixTimestamp64Micro", args[0]))
        elif name == "list_position":
            found = _call("toInt64", _call("indexOf", *args))
            fn.replace(_call("nullIf", found, exp.Literal.number(0)))
        elif name == "to_months":
            fn.replace(_call("toIntervalMonth", args[0]))
        elif name == "to_seconds":
            fn.replace(_call("toIntervalSecond", args[0]))
        elif name == "weekday":
            fn.replace(_call("toDayOfWeek", args[0], exp.Literal.number(2)))
    for table in list(tree.find_all(exp.Table)):
        if isinstance(table.this, exp.GenerateSeries):
            table.replace(_series_table(table))
    # children before parents (reversed pre-order), so a rewritten node's insides are too
    for node in reversed(list(tree.dfs())):
        new = _rewrite(node)
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


def translate(
    duck_sql: str, types: Mapping[str, str], where: str = "query", hand_sql: str | None = None
) -> tuple[str, frozenset[str]]:
    """DuckDB SQL (or its hand-written ClickHouse form `hand_sql`) as ClickHouse SQL, with
    `$name` typed by `types` and the tables and models renamed to `__siyu_<name>`; and the
    names it reads."""
    sqlglot = _sqlglot()
    try:
        if hand_sql is not None:
            tree = sqlglot.parse_one(hand_sql, read="clickhouse")
        else:
            tree = sqlglot.parse_one(duck_sql, read="duckdb")
            tree = _rewrite_functions(tree)
        _placeholders(tree, types, where)
        used = _rename_relations(tree, _relations())
        sql = tree.sql(dialect="clickhouse", comments=False)
    except EngineError:
        raise
    except Exception as exc:
        raise EngineError(f"{where} has no ClickHouse translation: {_one_line(exc)}") from exc
    return sql, frozenset(used)


@functools.cache
def translated(name: str) -> tuple[str, frozenset[str]]:
    """`translate` of `queries/<name>.sql` (`base/<name>` for a base model), from its
    hand-written form in queries/clickhouse/ where there is one; cached per process."""
    from siyu.db import load_query

    duck_sql = models.model(name[5:]).sql if name.startswith("base/") else load_query(name)
    hand = handwritten().get(name)
    return translate(
        duck_sql,
        param_types(duck_sql),
        f"queries/{name}.sql",
        hand.read_text(encoding="utf-8") if hand is not None else None,
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "…"


# -- where the tables are ----------------------------------------------------------------------


_FRAMES_LOCK = threading.Lock()
_FRAME_FILES: dict[int, tuple[weakref.ref, str]] = {}
_FRAME_DIR: list[str] = []


def _frame_file(table: str, frame: pd.DataFrame) -> str:
    """A DataFrame table (tests, event logs) as a Parquet file ClickHouse can read, written
    once per frame with DuckDB's canonical casts (the same typed view DuckDB reads)."""
    from siyu.db import database
    from siyu.schema import canonical_select

    with _FRAMES_LOCK:
        hit = _FRAME_FILES.get(id(frame))
        if hit is not None and hit[0]() is frame:
            return hit[1]
        if not _FRAME_DIR:
            folder = tempfile.mkdtemp(prefix="siyu-chdb-")
            atexit.register(shutil.rmtree, folder, True)
            _FRAME_DIR.append(folder)
        path = os.path.join(_FRAME_DIR[0], f"{table}-{id(frame)}-{len(_FRAME_FILES)}.parquet")
        cur = database().cursor()
        try:
            cur.register("__frame", frame)
            cols = canonical_select(table, set(frame.columns))
            cur.execute(f"copy (select {cols} from __frame) to '{path}' (format parquet)")
        finally:
            cur.close()
        key = id(frame)

        def forget(_ref, key=key, path=path):
            with _FRAMES_LOCK:
                _FRAME_FILES.pop(key, None)
            with contextlib.suppress(OSError):
                os.unlink(path)

        _FRAME_FILES[key] = (weakref.ref(frame, forget), path)
        return path


class Binder:
    """The file locations of one statement as query parameters `{__siyu_fN:String}`: a path
    is a value, bound like every other, never formatted into the text."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def __call__(self, value: str) -> str:
        for key, known in self.values.items():
            if known == value:
                return f"{{{key}:String}}"
        key = f"__siyu_f{len(self.values)}"
        self.values[key] = value
        return f"{{{key}:String}}"


class Files:
    """How this engine reads a Parquet file of the workspace: `file()` or `s3()`."""

    def __init__(self, mapping: str | None) -> None:
        self.mapping = (mapping or "").strip()

    def location(self, path: str) -> tuple[str, str]:
        """("file" or "s3", where): the path itself, or under SIYU_CLICKHOUSE_FILES."""
        if not self.mapping:
            return "file", path
        root = str(settings().workspace.resolve())
        real = str(Path(path).resolve())
        inside = real.startswith(root + os.sep)
        rel = real[len(root) + 1 :] if inside else os.path.basename(real)
        url = self.mapping.rstrip("/") + "/" + rel.replace(os.sep, "/")
        if url.startswith("s3://"):
            bucket, _, key = url[5:].partition("/")
            url = f"https://{bucket}.s3.amazonaws.com/{key}"
        return ("s3" if url.startswith(("http://", "https://")) else "file"), url

    def read(self, path: str, bind: Binder) -> str:
        kind, where = self.location(path)
        if kind == "file":
            return f"file({bind(where)}, Parquet)"
        collection = os.environ.get("SIYU_CLICKHOUSE_S3_COLLECTION")
        if collection:  # the bucket's credentials, kept on the server
            return f"s3({quote_ident(collection)}, url = {bind(where)}, format = 'Parquet')"
        return f"s3({bind(where)}, 'Parquet')"


def _table_sql(name: str, src: Any, columns, files: Files, bind: Binder) -> str:
    """The canonical typed select of table `name` (every column, missing ones NULL)."""
    table = TABLES[name]
    cols = []
    if src is None:
        for c in table.columns:
            cols.append(f"CAST(NULL AS Nullable({_ch_type(c.sql_type)})) AS {quote_ident(c.name)}")
        return "SELECT " + ", ".join(cols) + " WHERE 0"
    path = _frame_file(name, src) if isinstance(src, pd.DataFrame) else str(src)
    available = columns(path)
    for c in table.columns:
        typ = _ch_type(c.sql_type)
        if c.name in available:
            cols.append(f"CAST({quote_ident(c.name)} AS Nullable({typ})) AS {quote_ident(c.name)}")
        else:
            cols.append(f"CAST(NULL AS Nullable({typ})) AS {quote_ident(c.name)}")
    return "SELECT " + ", ".join(cols) + " FROM " + files.read(path, bind)


def _model_file_sql(path: str, columns, files: Files, bind: Binder) -> str:
    """A built base model's Parquet file. Parquet's DATE reads as Date32, on which ClickHouse
    has no `-`; the queries' dates are Date (as their casts and parameters), so cast back."""
    cols = []
    for name, typ in columns(path).items():
        if "Date32" in typ:
            cols.append(
                f"CAST({quote_ident(name)} AS {typ.replace('Date32', 'Date')}) AS {quote_ident(name)}"
            )
        else:
            cols.append(quote_ident(name))
    return "SELECT " + ", ".join(cols) + " FROM " + files.read(path, bind)


def statement(source: Source, name: str, columns, files: Files) -> tuple[str, dict[str, str]]:
    """The whole ClickHouse statement of `queries/<name>.sql` on `source` (the tables and
    base models it reads, as subqueries over the Parquet files, then the query) and the
    values of the file parameters it holds."""
    sql, used = translated(name)
    bind = Binder()
    defined: dict[str, str] = {}

    def define(rel: str) -> None:
        if rel in defined:
            return
        defined[rel] = ""  # a cycle guard; models are acyclic (siyu.models checks)
        if rel in TABLES:
            body = _table_sql(rel, source.tables.get(rel), columns, files, bind)
        elif rel in source.base:
            body = _model_file_sql(str(source.base[rel]), columns, files, bind)
        else:
            body, deps = translated(f"base/{rel}")
            for dep in sorted(deps):
                define(dep)
        defined.pop(rel)
        defined[rel] = body

    for rel in sorted(used):
        define(rel)
    ctes = ",\n".join(f"{_PREFIX}{rel} AS ({body})" for rel, body in defined.items())
    if not ctes:
        return sql, bind.values
    stripped = sql.lstrip()
    if stripped[:5].upper() == "WITH " and not stripped[:15].upper().startswith("WITH RECURSIVE"):
        return f"WITH {ctes},\n{stripped[5:]}", bind.values
    if stripped[:15].upper().startswith("WITH RECURSIVE"):
        return f"WITH RECURSIVE {ctes},\n{stripped[15:]}", bind.values
    return f"WITH {ctes}\n{stripped}", bind.values


# -- parameters and results ----------------------------------------------------------------------


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"})


def param_text(value: Any, *, escape: bool = True) -> str | None:
    """A bound value as ClickHouse's query-parameter text: escaped text (a tab or backslash
    in a group name stays itself), `\\N` for NULL. With `escape=False` (clickhouse-connect,
    which escapes itself) text stays as it is and NULL is None."""
    if value is None:
        return "\\N" if escape else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.translate(_ESCAPES) if escape else value
    return str(value)


_SCHEMAS: dict[tuple, Any] = {}
_SCHEMAS_LOCK = threading.Lock()


def expected_schema(name: str, params: Mapping[str, Any]) -> pa.Schema:
    """The Arrow schema DuckDB gives `queries/<name>.sql` (run once on the empty dataset)."""
    from siyu.db import Source, load_query

    key = (name, tuple(sorted((k, type(v).__name__) for k, v in params.items())))
    with _SCHEMAS_LOCK:
        hit = _SCHEMAS.get(key)
    if hit is not None:
        return hit
    cur = Source(tables={}).cursor()
    try:
        schema = cur.sql(load_query(name), params=dict(params)).to_arrow_table().schema
    finally:
        cur.close()
    with _SCHEMAS_LOCK:
        _SCHEMAS[key] = schema
    return schema


def to_frame(name: str, table: pa.Table, want: pa.Schema) -> pd.DataFrame:
    """ClickHouse's Arrow result as the DataFrame DuckDB gives for the same query (whose
    Arrow schema on DuckDB is `want`)."""
    import pyarrow as pa

    from siyu.db import database

    if table.num_columns != len(want):
        raise EngineError(
            f"queries/{name}.sql gives {table.num_columns} columns on ClickHouse, "
            f"{len(want)} on DuckDB"
        )
    arrays = []
    for column, field in zip(table.columns, want, strict=True):
        try:
            arrays.append(_cast(column, field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            raise EngineError(
                f"queries/{name}.sql: column {field.name!r} ({column.type}) does not read as "
                f"DuckDB's {field.type} on ClickHouse: {_one_line(exc)}"
            ) from exc
    typed = pa.Table.from_arrays(arrays, schema=want)
    cur = database().cursor()
    try:
        return cur.from_arrow(typed).df()
    finally:
        cur.close()


def _cast(column, target):
    """An Arrow column to DuckDB's type: zones dropped (UTC is wall-clock, see SETTINGS),
    unsigned to signed, nested types recursively."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    typ = column.type
    if pa.types.is_timestamp(typ) and typ.tz is not None:
        column = column.cast(pa.timestamp(typ.unit))
    if pa.types.is_dictionary(typ):
        column = column.dictionary_decode()
    if pa.types.is_null(target):
        return pa.nulls(len(column))
    if column.type.equals(target):
        return column
    lists = (pa.types.is_list, pa.types.is_large_list)
    if any(f(target) for f in lists) and any(f(column.type) for f in lists):
        values = _cast(column.values, target.value_type)
        large = pa.types.is_large_list(target)
        offsets = column.offsets.cast(pa.int64() if large else pa.int32())
        cls = pa.LargeListArray if large else pa.ListArray
        return cls.from_arrays(offsets, values, type=target, mask=column.is_null())
    if pa.types.is_dictionary(target):
        return column.cast(target.value_type).dictionary_encode().cast(target)
    if pa.types.is_boolean(target) and pa.types.is_integer(column.type):
        return pc.not_equal(column, pa.scalar(0, column.type))
    return column.cast(target, safe=True)


# -- running ---------------------------------------------------------------------------------------


class Engine:
    """A ClickHouse engine: columns of a file, and a query's Arrow result."""

    files: Files

    def __init__(self) -> None:
        self._columns: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    def columns(self, path: str) -> dict[str, str]:
        """Column name → ClickHouse type of a Parquet file (files never change: cached)."""
        with self._lock:
            hit = self._columns.get(path)
        if hit is not None:
            return hit
        bind = Binder()
        table = self.arrow(f"DESCRIBE TABLE {self.files.read(path, bind)}", bind.values)
        names = dict(
            zip(table.column("name").to_pylist(), table.column("type").to_pylist(), strict=True)
        )
        with self._lock:
            self._columns[path] = names
        return names

    def arrow(self, sql: str, params: Mapping[str, Any]) -> pa.Table:  # pragma: no cover
        raise NotImplementedError

    def run(self, source: Source, name: str, bound: Mapping[str, Any]) -> pd.DataFrame:
        import pyarrow as pa

        sql, files = statement(source, name, self.columns, self.files)
        want = expected_schema(name, bound)
        if any(pa.types.is_dictionary(f.type) for f in want):
            # DuckDB's ENUM reads as text; ClickHouse's Enum would arrive as its numbers
            cols = ", ".join(
                f"toString({quote_ident(f.name)}) AS {quote_ident(f.name)}"
                if pa.types.is_dictionary(f.type)
                else quote_ident(f.name)
                for f in want
            )
            sql = f"SELECT {cols} FROM ({sql})"
        try:
            table = self.arrow(sql, {**bound, **files})
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(
                f"queries/{name}.sql failed on {self.label}: {_one_line(exc)}"
            ) from exc
        return to_frame(name, table, want)

    label = "ClickHouse"

    def run_sql(
        self, duck_sql: str, params: Mapping[str, Any], types: Mapping[str, str]
    ) -> pd.DataFrame:
        """DuckDB SQL that reads no table, translated and run here, typed as DuckDB types it
        (the semantics tests of tests/unit/test_engines.py)."""
        from siyu.db import database

        sql, _ = translate(duck_sql, types)
        cur = database().cursor()
        try:
            want = cur.sql(duck_sql, params=dict(params)).to_arrow_table().schema
        finally:
            cur.close()
        return to_frame("query", self.arrow(sql, params), want)


def _bytes(text: str) -> int | None:
    """`4GB`, `512 MiB`, `1.5GB` as bytes (None when it does not read as a size)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?B)?\s*", text or "", re.IGNORECASE)
    if not m:
        return None
    power = " KMGT".index(m.group(2).upper() or " ")
    base = 1024 if (m.group(3) or "").lower() == "ib" else 1000
    return int(float(m.group(1)) * base**power)


class Chdb(Engine):
    """ClickHouse embedded in this process (PyPI `chdb`); one connection per thread."""

    label = "chdb"

    def __init__(self) -> None:
        super().__init__()
        self.files = Files(None)
        try:
            from chdb.state import sqlitelike
        except ImportError as exc:
            raise EngineError(
                "SIYU_ENGINE=chdb needs chdb: pip install -r requirements-clickhouse.txt"
            ) from exc
        self._connect = sqlitelike.connect
        # a thread's connection goes with the thread (Streamlit runs each page in a new
        # one); this first connection stays open, so the embedded engine never shuts down
        self._local = threading.local()
        self._keeper = self._open()

    def _open(self):
        opts = dict(SETTINGS)
        # the process's limits, as DuckDB's (SIYU_DUCKDB_THREADS, SIYU_DUCKDB_MEMORY_LIMIT)
        opts["max_threads"] = settings().duckdb_threads
        limit = _bytes(settings().duckdb_memory_limit)
        if limit:
            opts["max_memory_usage"] = limit
        query = "&".join(f"{k}={v}" for k, v in opts.items())
        return self._connect(f":memory:?{query}")

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open()
        return conn

    def arrow(self, sql: str, params: Mapping[str, Any]) -> pa.Table:
        text = {k: param_text(v) for k, v in params.items()}
        return self._conn().query(sql, "ArrowTable", params=text)


class Server(Engine):
    """A ClickHouse server or cluster through clickhouse-connect (HTTP).

    `SIYU_CLICKHOUSE_URL` (`http://user:password@host:8123/database`) names it; every query
    carries SETTINGS and binds its parameters on the server (`{name:Type}`), never in text.
    """

    label = "ClickHouse server"

    def __init__(self) -> None:
        super().__init__()
        url = os.environ.get("SIYU_CLICKHOUSE_URL", "").strip()
        if not url:
            raise EngineError(
                "SIYU_ENGINE=clickhouse needs SIYU_CLICKHOUSE_URL "
                "(http://user:password@host:8123/database)"
            )
        try:
            import clickhouse_connect
        except ImportError as exc:
            raise EngineError(
                "SIYU_ENGINE=clickhouse needs clickhouse-connect: "
                "pip install -r requirements-clickhouse.txt"
            ) from exc
        self.files = Files(os.environ.get("SIYU_CLICKHOUSE_FILES"))
        # no session: the client then runs queries from several threads at once (at most
        # SIYU_MAX_QUERIES, siyu.db's semaphore); every query carries SETTINGS
        self._client = clickhouse_connect.get_client(
            dsn=url, settings=dict(SETTINGS), autogenerate_session_id=False
        )

    def arrow(self, sql: str, params: Mapping[str, Any]) -> pa.Table:
        # clickhouse-connect sends `{name:Type}` parameters to the server (param_<name>)
        text = {k: param_text(v, escape=False) for k, v in params.items()}
        return self._client.query_arrow(sql, parameters=text)


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def engine(kind: str) -> Engine:
    """The process's engine of this kind, made on first use."""
    with _ENGINES_LOCK:
        eng = _ENGINES.get(kind)
        if eng is None:
            eng = Chdb() if kind == "chdb" else Server()
            _ENGINES[kind] = eng
        return eng
