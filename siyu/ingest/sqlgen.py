"""The SQL of a convert: staged text cells → typed, validated canonical rows.

Three shapes, all starting from one line-level table (`siyu_stage`: every staged line with its
parsed values and the reason it is rejected, if any):

- plain: one row per line; a repeated key (order_id …) rejects the later lines.
- order lines (`Options.lines`, orders): one row per item, grouped by order id. A line with
  an empty order id continues the order above (an unmerged 快团团 sheet); the order's columns
  (buyer, time, status …) left empty on its later lines are taken from its first one. The
  amount is the first line's (`first`), the sum of the lines (`sum`), or Σ quantity × unit
  price rounded to cents (`unit_price`). When one line of an order is rejected, the whole
  order is: a partial order would have a wrong total.
- member rows (`Options.lines`, members): one row per person and staff member, grouped by
  user id: the earliest joined_at, the other columns from that earliest row, tags merged, and
  left_at only when every row of the person has one.

Identifiers come from the schema and a fixed list of helper names; values are only read from
the staged CSV; every literal goes through `quote_literal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from siyu.ingest.presets import Options
from siyu.ingest.staging import Input
from siyu.ingest.values import MISSING_CODES, NON_NEGATIVE, PARSERS, SPACE_CODES
from siyu.schema import TABLES, quote_ident, quote_literal

q = quote_ident
ORDER_LEVEL = ("user_id", "ordered_at", "status", "group_id", "campaign", "nickname", "phone")
_FIRST_NON_NULL = ("user_id", "status", "group_id", "campaign", "nickname", "phone")
PRODUCT_CHARS = 1000


@dataclass
class ConvertSql:
    load: list[str]  # run first: they read the source (the fast path binds its parameters)
    statements: list[str]  # run next, in order; they leave the two Parquet files written
    counts: str  # select accepted, rejected, lines
    check: str = ""  # the table the fast path checks once `load` has run (`fastpath.verify`)
    copies: list[str] = field(default_factory=list)  # write the accepted, then rejected rows
    unique_copy: str | None = None  # the accepted rows' copy when no key repeats (`copies`)
    items: str | None = None  # select the number of order lines written (`items_out`)

    def run(self, cur) -> None:
        """The statements and copies, once `load` has run."""
        for stmt in self.statements:
            cur.execute(stmt)
        copies = list(self.copies)
        if self.unique_copy is not None:
            (repeated,) = cur.execute("select count(*) from siyu_dups").fetchone()
            if repeated == 0:
                copies[0] = self.unique_copy
        for stmt in copies:
            cur.execute(stmt)


@dataclass
class FastSource:
    """DuckDB's own reading of the file (`fastpath`): a relation with the staged cells
    (c0 …) and the flags `siyu_blank` (an empty line) and `siyu_flag` (a reason to fall
    back), in the file's order; a row's line is `first_line` + its position."""

    relation: str
    first_line: int


FLAGS = ("siyu_blank", "siyu_flag")


def _lines_mode(kind: str, options: Options) -> str | None:
    if options.lines and kind == "orders":
        return "orders"
    if options.lines and kind == "members":
        return "members"
    return None


def build(
    kind: str,
    inputs: list[Input],
    options: Options,
    csv_path: Path,
    out: Path,
    rejected_out: Path,
    fast: FastSource | None = None,
    items_out: Path | None = None,
) -> ConvertSql:
    """The statements of a convert, reading the staged CSV or, when given, `fast`.

    With `items_out`, an orders file that is line-level (`Options.lines`) or lists its items
    in one cell (`Options.items_list`) also writes its lines, as `order_items` rows of the
    accepted orders, to `items_out` (`ConvertSql.items` counts them).

    The lines of the stage are numbered by position: the fast path's stage is first built
    straight from the file (`siyu_stage_rows`, with the flags), then numbered by a view;
    order lines need their numbers before parsing, so for them the cells are stored first.
    """
    table = TABLES[kind]
    mode = _lines_mode(kind, options)
    by_name = {i.name: i for i in inputs}
    columns = {"line": "BIGINT", "perr": "VARCHAR", "pparams": "VARCHAR", "pvalue": "VARCHAR"}
    for n, _ in enumerate(inputs):
        columns[f"c{n}"] = "VARCHAR"
    col_spec = (
        "{" + ", ".join(f"{quote_literal(k)}: {quote_literal(v)}" for k, v in columns.items()) + "}"
    )
    source = (
        f"read_csv({quote_literal(str(csv_path))}, header = false, auto_detect = false, "
        f"delim = ',', quote = '\"', escape = '\"', new_line = '\\r\\n', columns = {col_spec}, "
        f"max_line_size = 16000000)"
    )
    # A cell is trimmed (and, when typed, a word meaning "no value" made NULL) by the macros;
    # most cells need neither, which their first and last characters show (`ends`).
    raw_cols, ends = [], []
    for n, inp in enumerate(inputs):
        c, a, z = q(f"c{n}"), q(f"a{n}"), q(f"z{n}")
        ends.append(f"{c}, {first_last(c, a, z)}")
        raw_cols.append(f"{raw_cell(c, a, z, inp.parser)} as {q('r_' + inp.name)}")
    # Order lines: an empty order id continues the order above; order columns left empty on
    # later lines come from the order's first line that has them.
    fill = ""
    if mode == "orders":
        r_oid = q("r_order_id")
        fill0 = (
            f"coalesce({r_oid}, last_value({r_oid} ignore nulls) over "
            f"(order by line rows between unbounded preceding and current row)) as {r_oid}"
        )
        fill1 = [
            f"coalesce({q('r_' + c)}, first_value({q('r_' + c)} ignore nulls) over (partition by "
            f"{r_oid} order by line rows between unbounded preceding and unbounded following)) "
            f"as {q('r_' + c)}"
            for c in ORDER_LEVEL
            if c in by_name
        ]
        fill = f", filled0 as (select * replace ({fill0}) from raw)" + (
            f", filled as (select * replace ({', '.join(fill1)}) from filled0)"
            if fill1
            else ", filled as (select * from filled0)"
        )
    value_cols, checks = [], []
    for inp in inputs:
        r, v = q("r_" + inp.name), q("v_" + inp.name)
        expr, bad_key = PARSERS.get(inp.parser, PARSERS["text"])
        value = expr.format(r=r)
        if inp.parser == "status" and not inp.helper:
            value = f"case when {r} is null then 'paid' else {value} end"
        if inp.name == "user_id" and options.float_ids:
            value = f"regexp_replace({value}, '^([+-]?[0-9]+)\\.0+$', '\\1')"
        value_cols.append(f"{value} as {v}")
        if inp.helper:
            continue
        header = quote_literal(str(inp.header or ""))
        if inp.required:
            checks.append((f"{r} is null", "ingest.reason.required_missing", header, r))
        if bad_key:
            checks.append((f"{r} is not null and {v} is null", bad_key, header, r))
        if inp.parser in NON_NEGATIVE and inp.non_negative:
            checks.append((f"{v} < 0", "ingest.reason.negative", header, r))
    reason = " ".join(f"when {c} then {quote_literal(k)}" for c, k, _, _ in checks)
    rcol = " ".join(f"when {c} then {h}" for c, _, h, _ in checks)
    rval = " ".join(f"when {c} then {rv}" for c, _, _, rv in checks)
    last = "filled" if fill else "raw"
    load: list[str] = []
    carry = ""
    check = ""
    if fast is not None and mode == "orders":
        load.append(f"create temp table siyu_fast as select * from {fast.relation}")
        check = "siyu_fast"
        cells = "".join(f", {q(f'c{n}')}" for n in range(len(inputs)))
        source = (
            f"(select rowid + {int(fast.first_line)} as line, null::varchar as perr, "
            f"null::varchar as pparams, null::varchar as pvalue{cells} "
            f"from siyu_fast where not siyu_blank)"
        )
    elif fast is not None:
        check = "siyu_stage_rows"
        carry = "".join(f", {f}" for f in FLAGS)
        source = (
            "(select null::bigint as line, null::varchar as perr, null::varchar as pparams, "
            f"null::varchar as pvalue, * from {fast.relation})"
        )
    r_cols = ", ".join(q("r_" + inp.name) for inp in inputs)
    stage = f"""
        create temp table siyu_stage_rows as
        with src as (select * from {source}),
        ends as (select line, perr, pparams, pvalue{carry}, {", ".join(ends)} from src),
        raw as (select line, perr, pparams, pvalue{carry}{"".join(", " + c for c in raw_cols)}
            from ends)
        {fill},
        parsed as (select *{"".join(", " + c for c in value_cols)} from {last}),
        judged as (
            select *, case when perr is not null then perr {reason} end as reason from parsed
        ),
        checked as (
            select *,
                case when reason is not null then case when perr is not null then '' {rcol} end
                    end as rcol,
                case when reason is not null then case when perr is not null then pvalue {rval} end
                    end as rval
            from judged
        )
        select * exclude ({r_cols}) from checked
    """
    load.append(stage)
    if fast is not None and mode != "orders":
        flags = ", ".join(FLAGS)
        load.append(
            f"create temp view siyu_stage as select * exclude ({flags}) "
            f"replace (rowid + {int(fast.first_line)} as line) "
            f"from siyu_stage_rows where not siyu_blank"
        )
    else:
        load.append("create temp view siyu_stage as select * from siyu_stage_rows")
    own_params = _own_params("")
    unique = None
    if mode == "orders":
        statements, accepted, rejected = _orders_lines(table, by_name, options, own_params)
    elif mode == "members":
        statements, accepted, rejected = _members_lines(table, by_name, own_params)
    else:
        statements, accepted, rejected, unique = _plain(kind, table, by_name, options, own_params)
    copies = [
        f"copy (select * exclude (line) from ({accepted}) as a order by a.line) "
        f"to {quote_literal(str(out))} (format parquet)",
        f"copy (select * from ({rejected}) as r order by r.line) "
        f"to {quote_literal(str(rejected_out))} (format parquet)",
    ]
    items = None
    if items_out is not None and kind == "orders":
        lines_sql = None
        if mode == "orders":
            lines_sql = _order_lines(by_name, options)
        elif "items" in by_name:
            lines_sql = _listed_lines(accepted)
        if lines_sql is not None:
            statements.append(_items_table(lines_sql))
            copies.append(
                "copy (select * exclude (line) from siyu_items order by line, item_no) "
                f"to {quote_literal(str(items_out))} (format parquet)"
            )
            items = "select count(*) from siyu_items"
    if unique is not None:
        # Without repeated keys the accepted lines are a filter of the stage, which DuckDB
        # keeps in its insertion (line) order: no join, no sort.
        unique = (
            f"copy (select * exclude (line) from ({unique}) as a) "
            f"to {quote_literal(str(out))} (format parquet)"
        )
    every_line = "siyu_verdict" if mode is None else "siyu_stage"
    counts = (
        f"select (select count(*) from ({accepted})), (select count(*) from ({rejected})), "
        f"(select count(*) from {every_line})"
    )
    return ConvertSql(load, statements, counts, check, copies, unique, items)


def first_last(cell: str, a: str, z: str) -> str:
    """The code points of a cell's first and last characters, as columns `a` and `z`."""
    return f"ord({cell}) as {a}, ord(substring({cell}, -1)) as {z}"


def raw_cell(cell: str, a: str, z: str, parser: str) -> str:
    """`siyu_trim` (and `siyu_present` for a typed column) of a cell, skipped when its first
    and last characters (`first_last`) show it would change nothing."""
    trimmed, stops = f"siyu_trim({cell})", SPACE_CODES
    if parser != "text":
        trimmed, stops = f"siyu_present({trimmed})", SPACE_CODES + MISSING_CODES
    plain = (
        f"{a} > 32 and {a} not in ({', '.join(map(str, stops))}) "
        f"and {z} > 32 and {z} not in ({', '.join(map(str, SPACE_CODES))})"
    )
    return f"case when {plain} then {cell} else {trimmed} end"


def _own_params(alias: str) -> str:
    """The params of a line's own rejection: the staging problem's, or the failed cell's."""
    a = alias
    return (
        f"case when {a}perr is not null then coalesce({a}pparams, '{{}}') "
        f"else to_json({{'column': {a}rcol, 'value': left({a}rval, 200)}})::varchar end"
    )


def _status_expr(
    by_name: dict[str, Input],
    options: Options,
    *,
    status: str,
    amount: str,
    order_id: str,
    refunded: str,
    refund_status: str,
) -> str:
    """The order status with the refund columns and the cancellation prefix applied.

    An order is refunded when its refunded amount covers what was paid; without a refunded
    amount, when its refund state says so (退款成功 / 全额退款). A partial refund keeps it paid.
    """
    full_refund = []
    if "refunded_amount" in by_name:
        full_refund.append(f"({refunded} > 0 and {refunded} >= {amount})")
        if "refund_status" in by_name:
            full_refund.append(f"({refunded} is null and {refund_status} = 'refunded')")
    elif "refund_status" in by_name:
        full_refund.append(f"({refund_status} = 'refunded')")
    whens = []
    if options.cancelled_prefix:
        whens.append(
            f"when starts_with({order_id}, {quote_literal(options.cancelled_prefix)}) "
            f"then 'cancelled'"
        )
    if full_refund:
        whens.append(f"when {' or '.join(full_refund)} then 'refunded'")
    if not whens:
        return status
    return f"case {' '.join(whens)} else {status} end"


def _typed(table, values: dict[str, str]) -> str:
    """The canonical columns in schema order, typed; a column without a value is null."""
    cols = []
    for col in table.columns:
        if col.name in values:
            cols.append(f"cast({values[col.name]} as {col.sql_type}) as {q(col.name)}")
        elif col.kind == "status":
            cols.append(f"cast('paid' as {col.sql_type}) as {q(col.name)}")
        else:
            cols.append(f"cast(null as {col.sql_type}) as {q(col.name)}")
    return ", ".join(cols) + ", line"


def _plain(kind, table, by_name, options, own_params):
    key_cols = [c for c in table.key if c in by_name]
    key_header = " / ".join(str(by_name[c].header) for c in key_cols)
    key_value = " || ' / ' || ".join(f"cast({q('v_' + c)} as varchar)" for c in key_cols)
    if key_cols:
        # A repeated key rejects the later accepted lines: the keys seen twice are few, so
        # they are found by a grouping and joined back (cheaper than a window over all lines).
        # Grouping by a hash of the key first is quicker than by the key itself; the keys
        # whose hash repeats (the repeated ones, and the odd collision) are then grouped.
        keys = ", ".join(q("v_" + c) for c in key_cols)
        on = " and ".join(f"d.{q('v_' + c)} = s.{q('v_' + c)}" for c in key_cols)
        dups = f"""
            create temp table siyu_dups as
            with twice as (
                select hash({keys}) as h from siyu_stage where reason is null
                group by h having count(*) > 1
            )
            select {keys}, min(line) as first_line
            from siyu_stage
            where reason is null and hash({keys}) in (select h from twice)
            group by {keys}
            having count(*) > 1
        """
        verdict = f"""
            create temp view siyu_verdict as
            select s.*,
                case when s.reason is null and s.line > d.first_line
                    then 'ingest.reason.duplicate' end as dup,
                d.first_line
            from siyu_stage as s
            left join siyu_dups as d on s.reason is null and {on}
        """
        dup_params = (
            f"to_json({{'column': {quote_literal(key_header)}, 'value': left({key_value}, 200), "
            f"'first_line': first_line}})::varchar"
        )
        prepare = [dups, verdict]
    else:
        verdict = (
            "create temp view siyu_verdict as "
            "select *, null::varchar as dup, null::bigint as first_line from siyu_stage"
        )
        dup_params = "null"
        prepare = [verdict]
    values = {c: q("v_" + c) for c in table.column_names if c in by_name}
    if kind == "orders" and "order_id" in values:
        values["status"] = _status_expr(
            by_name,
            options,
            status=values.get("status", "'paid'"),
            amount=q("v_amount"),
            order_id=q("v_order_id"),
            refunded=q("v_refunded_amount"),
            refund_status=q("v_refund_status"),
        )
        if options.cancelled_prefix and "amount" in values:
            values["amount"] = (
                f"case when starts_with({q('v_order_id')}, "
                f"{quote_literal(options.cancelled_prefix)}) then abs({q('v_amount')}) "
                f"else {q('v_amount')} end"
            )
    accepted = (
        f"select {_typed(table, values)} from siyu_verdict where reason is null and dup is null"
    )
    unique = f"select {_typed(table, values)} from siyu_stage where reason is null"
    rejected = f"""
        select
            line::bigint as line,
            coalesce(case when dup is not null then {quote_literal(key_header)} else rcol end, '')
                as "column",
            coalesce(case when dup is not null then {key_value if key_cols else "null"}
                else rval end, '') as value,
            coalesce(reason, dup) as reason,
            case when reason is null and dup is not null then {dup_params}
                else {own_params} end as params
        from siyu_verdict
        where reason is not null or dup is not null
    """
    return prepare, accepted, rejected, (unique if key_cols else None)


def _first(col: str) -> str:
    v = q("v_" + col)
    return f"arg_min({v}, line) filter (where {v} is not null)"


def _orders_lines(table, by_name, options, own_params):
    rule = options.amount_rule
    oid_header = quote_literal(str(by_name["order_id"].header))
    lines = f"""
        create temp table siyu_lines as
        select s.*,
            min(s.line) filter (where s.reason is not null)
                over (partition by {q("v_order_id")}) as bad_line
        from siyu_stage as s
    """
    aggs = [f"{q('v_order_id')} as order_id", "min(line) as line"]
    for col in _FIRST_NON_NULL:
        if col in by_name:
            aggs.append(f"{_first(col)} as {q(col)}")
    if "ordered_at" in by_name:
        aggs.append(f"min({q('v_ordered_at')}) as ordered_at")
    amount, quantity = q("v_amount"), q("v_quantity")
    if rule == "unit_price" and "quantity" in by_name:
        aggs.append(f"round(sum({quantity} * {amount}), 2) as amount_total")
    elif rule == "sum":
        aggs.append(f"sum({amount}) as amount_total")
    else:
        aggs.append(f"{_first('amount')} as amount_total")
    if "quantity" in by_name:
        aggs.append(f"sum({quantity})::bigint as quantity_total")
    if "product" in by_name:
        aggs.append(
            f"left(string_agg({q('v_product')}, '、' order by line), {PRODUCT_CHARS}) as product"
        )
    for col in ("discount", "refunded_amount"):
        if col in by_name:
            agg = _first(col) if rule == "first" else f"sum({q('v_' + col)})"
            aggs.append(f"{agg} as {q(col)}")
    if "refund_status" in by_name:
        aggs.append(f"{_first('refund_status')} as refund_status")
    prefix = quote_literal(options.cancelled_prefix) if options.cancelled_prefix else None
    cancelled = f"starts_with(order_id, {prefix})" if prefix else "false"
    orders = f"""
        create temp table siyu_orders_raw as
        select {", ".join(aggs)}
        from siyu_lines
        where bad_line is null
        group by {q("v_order_id")}
    """
    amount_final = f"case when {cancelled} then abs(amount_total) else amount_total end"
    quantity_final = (
        f"case when {cancelled} then abs(quantity_total) else quantity_total end"
        if "quantity" in by_name
        else "null"
    )
    amount_header = quote_literal(str(by_name["amount"].header))
    finals = f"""
        create temp table siyu_orders as
        select *,
            {amount_final} as amount,
            {quantity_final} as quantity,
            case when {amount_final} is null then 'ingest.reason.required_missing'
                when {amount_final} < 0 then 'ingest.reason.negative' end as oreason,
            to_json({{'column': {amount_header},
                'value': coalesce(cast(amount_total as varchar), '')}})::varchar as oparams
        from siyu_orders_raw
    """
    values = {"order_id": "order_id"}
    for col in table.column_names:
        if col in by_name and col != "order_id":
            values[col] = q(col) if col not in ("amount", "quantity") else col
    if "amount" in by_name:
        values["amount"] = "amount"
    if "quantity" in by_name:
        values["quantity"] = "quantity"
    values["status"] = _status_expr(
        by_name,
        options,
        status=q("status") if "status" in by_name else "'paid'",
        amount="amount",
        order_id="order_id",
        refunded="refunded_amount",
        refund_status="refund_status",
    )
    accepted = f"select {_typed(table, values)} from siyu_orders where oreason is null"
    rejected = f"""
        select
            l.line::bigint as line,
            case when l.reason is not null then coalesce(l.rcol, '')
                when l.bad_line is null and l.line = o.line then {amount_header}
                else {oid_header} end as "column",
            case when l.reason is not null then coalesce(l.rval, '')
                when l.bad_line is null and l.line = o.line
                    then coalesce(cast(o.amount_total as varchar), '')
                else coalesce(cast(l.{q("v_order_id")} as varchar), '') end as value,
            case when l.reason is not null then l.reason
                when l.bad_line is null and l.line = o.line then o.oreason
                else 'ingest.reason.order_line_rejected' end as reason,
            case when l.reason is not null then {_own_params("l.")}
                when l.bad_line is null and l.line = o.line then o.oparams
                else to_json({{'column': {oid_header},
                    'value': left(cast(l.{q("v_order_id")} as varchar), 200),
                    'first_line': coalesce(l.bad_line, o.line)}})::varchar end as params
        from siyu_lines as l
        left join siyu_orders as o on o.order_id = l.{q("v_order_id")}
        where l.reason is not null or l.bad_line is not null or o.oreason is not null
    """
    return [lines, orders, finals], accepted, rejected


def _order_lines(by_name: dict[str, Input], options: Options) -> str:
    """The lines of the accepted orders of a line-level file: order_id, line, product, sku,
    quantity, unit_price, amount (the line's own paid amount; null when the file has none),
    order_amount, ord (the line's place in its order)."""
    rule = options.amount_rule
    has = by_name.__contains__

    def v(col: str) -> str:
        return f"l.{q('v_' + col)}"

    if has("line_amount"):
        amount = v("line_amount")
    elif rule == "sum":
        amount = v("amount")
    elif rule == "unit_price" and has("quantity"):
        amount = f"round({v('quantity')} * {v('amount')}, 2)"
    elif has("unit_price") and has("quantity"):
        amount = f"round({v('quantity')} * {v('unit_price')}, 2)"
    else:
        amount = "null"
    unit = v("unit_price") if has("unit_price") else v("amount") if rule == "unit_price" else "null"
    quantity = v("quantity") if has("quantity") else "null"
    if options.cancelled_prefix:
        cancelled = f"starts_with(o.order_id, {quote_literal(options.cancelled_prefix)})"
        quantity = f"case when {cancelled} then abs({quantity}) else {quantity} end"
        amount = f"case when {cancelled} then abs({amount}) else {amount} end"
    return f"""
        select
            o.order_id,
            l.line,
            {f"left({v('product')}, {PRODUCT_CHARS})" if has("product") else "null"} as product,
            {v("sku") if has("sku") else "null"} as sku,
            {quantity} as quantity,
            {unit} as unit_price,
            {amount} as amount,
            o.amount as order_amount,
            l.line as ord
        from siyu_lines as l
        join siyu_orders as o on o.order_id = l.{q("v_order_id")}
        where o.oreason is null
    """


def _listed_lines(accepted: str) -> str:
    """The lines of accepted orders whose item cell lists them (群接龙 商品合计), from the
    JSON the staging wrote (`presets.items_json`)."""
    items = quote_literal('[{"p": "VARCHAR", "q": "BIGINT"}]')
    return f"""
        with listed as (
            select a.order_id, a.line, a.amount as order_amount,
                from_json(s.{q("v_items")}, {items}) as its
            from ({accepted}) as a
            join siyu_stage as s on s.line = a.line
            where s.{q("v_items")} is not null
        ),
        numbered as (
            select order_id, line, order_amount, its, unnest(range(1, len(its) + 1)) as ord
            from listed
        )
        select
            order_id,
            line,
            left(its[ord].p, {PRODUCT_CHARS}) as product,
            null as sku,
            its[ord].q as quantity,
            null as unit_price,
            null as amount,
            order_amount,
            ord
        from numbered
    """


def _items_table(lines_sql: str) -> str:
    """`siyu_items`: the `order_items` rows of `lines_sql` (see `_order_lines`), numbered from
    1 in each order. A line without its own amount (a file with only the order's total) gets
    the order's amount shared in proportion to the lines' quantities (a line without one
    counts 1), rounded to cents, the last line taking what rounding left: an order's lines
    add up to its amount."""
    source = {"amount": "line_amount"}
    typed = ", ".join(
        f"cast({source.get(c.name, q(c.name))} as {c.sql_type}) as {q(c.name)}"
        for c in TABLES["order_items"].columns
    )
    return f"""
        create temp table siyu_items as
        with lines as ({lines_sql}),
        weighed as (
            select *,
                row_number() over (partition by order_id order by ord) as item_no,
                count(*) over (partition by order_id) as n,
                greatest(coalesce(quantity, 1), 0) as weight,
                count(amount) over (partition by order_id) as own
            from lines
        ),
        parts as (
            select *,
                sum(weight) over (partition by order_id) as total_weight
            from weighed
        ),
        shares as (
            select *,
                cast(round(case when total_weight > 0
                    then order_amount * weight / total_weight
                    else order_amount / n end, 2) as decimal(18, 2)) as part
            from parts
        ),
        final as (
            select *,
                case when own > 0 then amount
                    when item_no = n then order_amount - coalesce(sum(part) over (
                        partition by order_id order by item_no
                        rows between unbounded preceding and 1 preceding), 0)
                    else part end as line_amount
            from shares
        )
        select {typed}, line
        from final
    """


def _members_lines(table, by_name, own_params):
    ts = q("v_joined_at")
    aggs = [f"{q('v_user_id')} as user_id", "min(line) as line", f"min({ts}) as joined_at"]
    for col in ("channel", "group_id", "inviter_id", "tier", "nickname", "phone", "staff"):
        if col in by_name:
            aggs.append(f"first({q('v_' + col)} order by {ts}, line) as {q(col)}")
    if "tags" in by_name:
        tags = q("v_tags")
        aggs.append(
            f"array_to_string(list_sort(list_distinct(list({tags}) filter "
            f"(where {tags} is not null))), ',') as tags"
        )
    if "left_at" in by_name:
        left = q("v_left_at")
        aggs.append(f"case when count({left}) = count(*) then max({left}) end as left_at")
    people = f"""
        create temp table siyu_people as
        select {", ".join(aggs)}
        from siyu_stage
        where reason is null
        group by {q("v_user_id")}
    """
    values = {c: q(c) for c in table.column_names if c in by_name}
    accepted = f"select {_typed(table, values)} from siyu_people"
    rejected = f"""
        select line::bigint as line, coalesce(rcol, '') as "column", coalesce(rval, '') as value,
            reason, {own_params} as params
        from siyu_stage
        where reason is not null
    """
    return [people], accepted, rejected


CLEANUP = [f"drop view if exists {v}" for v in ("siyu_verdict", "siyu_stage")] + [
    f"drop table if exists {t}"
    for t in (
        "siyu_stage_rows",
        "siyu_fast",
        "siyu_dups",
        "siyu_lines",
        "siyu_orders_raw",
        "siyu_orders",
        "siyu_people",
        "siyu_items",
    )
]
