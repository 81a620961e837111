"""The command line: `python -m siyu COMMAND …` — sample data, imports, history, metrics.

Every metric is printed by the same function the pages call (`siyu.metrics.get(name)`), as
plain CSV or JSON: ids as text, amounts as plain decimals, rates as fractions, an empty cell
where a value is undefined. Bad input exits non-zero with one line on stderr, never a
traceback (set SIYU_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from siyu.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from siyu.schema import TABLE_KINDS, TABLES


class CliError(Exception):
    """A one-line reason for the user; `key` is a translation key."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _workspace(args: argparse.Namespace):
    from siyu.workspace import Workspace

    return Workspace(args.workspace) if args.workspace else Workspace()


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError("cli.bad_date", value=text) from None


def format_value(value: Any) -> str:
    """One CSV cell: plain decimals, fractions for rates, empty when undefined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars, pandas timestamps
        try:
            return format_value(value.item())
        except (ValueError, AttributeError):
            pass
    if hasattr(value, "to_pydatetime"):
        ts = value.to_pydatetime()
        return (
            ts.date().isoformat()
            if ts == dt.datetime.combine(ts.date(), dt.time())
            else ts.isoformat(sep=" ")
        )
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _json_value(value: Any) -> Any:
    text = format_value(value)
    if text == "":
        return None
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float, Decimal)) or hasattr(value, "item"):
        try:
            return int(text) if text.lstrip("-").isdigit() else float(text)
        except ValueError:
            return text
    return text


def format_column(column) -> list[str]:
    """The cells of one result column, as `format_value` writes them, a column at a time.

    Large results (a member list of a million rows) would take seconds cell by cell; the
    common types (text, integers, floats, booleans) are formatted whole, anything else
    falls back to `format_value`.
    """
    import numpy as np
    import pandas as pd

    kind = column.dtype.kind
    if kind == "b":
        return np.where(column.to_numpy(), "true", "false").tolist()
    if kind in "iu" and not column.hasnans:
        return column.astype("int64").astype(str).tolist()
    if kind == "f":
        values = column.to_numpy(dtype="float64")
        text = pd.Series(np.char.mod("%.6f", values)).str.rstrip("0").str.rstrip(".")
        text = text.mask(text.isin(["-0", ""]), "0")
        return text.mask(~np.isfinite(values), "").tolist()
    inferred = pd.api.types.infer_dtype(column, skipna=True) if kind == "O" else ""
    if inferred in ("string", "empty"):
        return column.astype(object).where(column.notna(), "").tolist()
    if inferred == "date":
        import pyarrow as pa

        text = pa.array(column.astype(object), type=pa.date32()).cast(pa.string())
        return [v if v is not None else "" for v in text.to_pylist()]
    return [format_value(v) for v in column.astype(object)]


BULK_ROWS = 10_000  # from this many rows on, DuckDB's CSV writer writes the cells


def _write_bulk(cells: list[list[str]], out) -> None:
    """The rows of a large result through DuckDB's CSV writer: the same minimal quoting as
    `csv.writer` (empty cells unquoted), a million rows in a fraction of a second."""
    import tempfile

    import duckdb
    import pyarrow as pa
    import pyarrow.compute as pc

    from siyu.schema import quote_literal

    columns = {}
    for i, values in enumerate(cells):
        arr = pa.array(values, type=pa.string())
        columns[f"c{i}"] = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
    rows = pa.table(columns)  # noqa: F841 - read by name in the COPY below
    with tempfile.TemporaryDirectory(prefix="siyu-csv-") as tmp:
        path = f"{tmp}/rows.csv"
        con = duckdb.connect()
        try:
            con.execute(
                f"copy rows to {quote_literal(path)} "
                "(format csv, header false, delimiter ',', quote '\"', escape '\"', nullstr '')"
            )
        finally:
            con.close()
        with open(path, encoding="utf-8", newline="") as f:
            while chunk := f.read(1 << 20):
                out.write(chunk)


def write_frame(frame, fmt: str, out=None) -> None:
    """Print a result frame as CSV (default) or JSON records."""
    out = out or sys.stdout
    cols = [str(c) for c in frame.columns]
    if fmt == "json":
        rows = frame.astype(object).itertuples(index=False, name=None)
        records = [{c: _json_value(v) for c, v in zip(cols, row, strict=True)} for row in rows]
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(cols)
    cells = [format_column(frame.iloc[:, i]) for i in range(len(cols))]
    if len(frame) >= BULK_ROWS and len(cols) > 1:  # one column: csv.writer quotes an empty row
        out.flush()
        _write_bulk(cells, out)
        return
    writer.writerows(zip(*cells, strict=True))


# ---- commands ------------------------------------------------------------------------------


def cmd_sample(args: argparse.Namespace) -> int:
    from siyu import sample

    if args.what == "youzan-items":
        path = Path(args.path or "data/demo/youzan_items.csv")
        orders, lines = sample.youzan_items(path, members=args.members, seed=args.seed)
        print(t("cli.sample_written", args.lang, path=path, orders=orders, lines=lines))
        return 0
    out = Path(args.path or args.out)
    paths = sample.generate(out, members=args.members, seed=args.seed)
    for table, path in paths.items():
        print(f"{table},{path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Generate the demo files and import them as dataset "demo" if the workspace is empty."""
    from siyu.demo import ensure_demo

    name = ensure_demo(_workspace(args), force=args.force)
    print(
        t("cli.demo_ready", args.lang, dataset=name) if name else t("cli.demo_skipped", args.lang)
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from siyu.importer import FileRequest, commit, stage
    from siyu.ingest import rejected_frame
    from siyu.ingest.identity import MODE_TEXT

    if args.replace and args.append:
        raise CliError("cli.replace_and_append")
    stat_date = _date(args.stat_date)
    mode = "replace" if args.replace else "append" if args.append else "auto"
    ws = _workspace(args)
    requests = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise CliError("cli.no_file", path=name)
        req = FileRequest(
            data=path,
            filename=path.name,
            kind=args.table,
            encoding=args.encoding,
            sheet=args.sheet,
            stat_date=stat_date,
        )
        if args.map or args.lines is not None or args.amount_rule:
            req = _mapped_request(req, ws, args.map, args.lines, args.amount_rule)
        requests.append(req)
    staged = stage(ws, requests)
    try:
        for req, conv in zip(staged.requests, staged.converted, strict=True):
            print(
                t(
                    "cli.imported",
                    args.lang,
                    file=req.filename,
                    table=conv.kind,
                    accepted=conv.accepted,
                    rejected=conv.rejected,
                )
            )
            if conv.lines and conv.lines != conv.accepted + conv.rejected:
                print("  " + t("ingest.ui.lines_summary", args.lang, lines=f"{conv.lines - conv.rejected:,}",
                               rows=f"{conv.accepted:,}"))  # fmt: skip
            if conv.items_parquet is not None:
                print("  " + t("ingest.ui.items_summary", args.lang, items=f"{conv.items:,}"))
            if conv.identity is not None:
                key = MODE_TEXT[conv.identity.mode]
                who = t(key, args.lang, column=conv.identity.column)
                print("  " + t("ingest.ui.identity", args.lang, identity=who))
            if conv.rejected:
                for row in rejected_frame(conv, args.lang, limit=5).itertuples(index=False):
                    print("  " + " | ".join(format_value(v) for v in row), file=sys.stderr)
        for filename, kind in staged.skipped:
            print(
                t("ingest.cli.skipped_no_date", args.lang, file=filename, table=kind),
                file=sys.stderr,
            )
    except BaseException:
        staged.discard()
        raise
    report = commit(ws, staged, args.dataset, mode=mode, lang=args.lang)
    print(t("cli.version", args.lang, dataset=args.dataset, version=report.version.version))
    return 0


def parse_map(pairs: list[str], kind: str) -> dict[str, str | None]:
    """`--map HEADER=COLUMN` pairs → {column: header}; `=COLUMN` leaves the column unmapped.

    The columns are the canonical ones of `kind` (and, for orders, the line columns sku,
    unit_price, line_amount); a header is the file's, exactly as the Data page lists it.
    """
    from siyu.ingest import LINE_NAMES
    from siyu.schema import TABLES

    allowed = list(TABLES[kind].column_names) + (list(LINE_NAMES) if kind == "orders" else [])
    out: dict[str, str | None] = {}
    for pair in pairs:
        header, sep, column = pair.rpartition("=")
        column = column.strip()
        if not sep or column not in allowed:
            raise CliError("cli.bad_map", value=pair, columns=", ".join(allowed))
        out[column] = header.strip() or None
    return out


def _mapped_request(req, ws, pairs: list[str], lines: bool | None, rule: str | None):
    """The file's detected settings (remembered for its headers, else the platform preset)
    with the user's `--map` pairs, `--lines` and `--amount-rule` on top."""
    from dataclasses import replace

    from siyu.importer import plans_for

    main, also, skipped = plans_for(req, ws)
    mapping = {**main.mapping, **parse_map(pairs, main.kind)}
    options = main.options
    if lines is not None:
        options = replace(options, lines=lines)
    if rule:
        options = replace(options, amount_rule=rule)
    return replace(req, kind=main.kind, mapping=mapping, options=options, also=[*also, *skipped])


def cmd_datasets(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    rows = []
    for ds in ws.datasets():
        head = ds.head
        rows.append(
            {
                "dataset": ds.name,
                "title": ds.title,
                "version": head.version,
                "updated_at": head.at,
                "tables": {k: v.rows for k, v in head.tables.items()},
            }
        )
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["dataset", "version", "updated_at", *TABLES])
        for r in rows:
            writer.writerow(
                [r["dataset"], r["version"], r["updated_at"]]
                + [r["tables"].get(k, "") for k in TABLES]
            )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    ds = _workspace(args).get(args.dataset)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["version", "at", "action", "files", "current", *TABLES])
    for v in ds.versions:
        writer.writerow(
            [v.version, v.at, v.action, ";".join(v.files), "yes" if v.version == ds.current else ""]
            + [v.tables[k].rows if k in v.tables else "" for k in TABLES]
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    v = _workspace(args).restore(args.dataset, args.version)
    print(t("cli.restored", args.lang, dataset=args.dataset, version=args.version, new=v.version))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    _workspace(args).delete(args.dataset)
    print(t("cli.deleted", args.lang, dataset=args.dataset))
    return 0


def _pairs(pairs: list[str]) -> list[tuple[str, str]]:
    """`--set name=text` as (name, text); the metric reads each text as its option's type."""
    out = []
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.isidentifier():
            raise CliError("cli.bad_set", value=pair)
        out.append((key, raw))
    return out


class _MetricHelp(argparse.Action):
    """`metric --help`: the usage, then every metric with its tables and options (from the
    registry, imported only when asked)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        parser.print_help()
        print("\n" + metric_help())
        parser.exit()


def metric_help() -> str:
    """Every metric as the registry declares it: name, aliases, tables, options, description."""
    from siyu import metrics

    lines = ["metrics (--set NAME=VALUE sets an option):"]
    for m in metrics.REGISTRY.values():
        names = ", ".join((m.name, *m.aliases))
        tables = " + ".join(m.requires) or " or ".join(m.requires_any) or "any table"
        lines.append(f"  {names}  [{tables}]")
        lines.append(f"      {m.description}")
        for opt in m.options:
            lines.append(f"      --set {opt.describe()}")
    return "\n".join(lines)


def _reason(exc: Exception, lang: str) -> str:
    """An error's own translated message when it has one, else its text."""
    message = getattr(exc, "message", None)
    return message(lang) if callable(message) else str(exc)


def cmd_metric(args: argparse.Namespace) -> int:
    from siyu import metrics

    try:
        declared = metrics.get(args.name)
        options = declared.parse(_pairs(args.set))
    except metrics.UnknownMetric:
        raise CliError("cli.no_metric", name=args.name, names=", ".join(metrics.names())) from None
    except (metrics.UnknownOption, metrics.OptionValueError) as exc:
        reason = _reason(exc, args.lang)
        raise CliError("cli.bad_option", value=" ".join(args.set), reason=reason) from None
    if args.events:  # an event log from any tool, for the event funnel
        from siyu.metrics.funnels import read_event_log

        try:
            source = read_event_log(args.events)
        except ValueError as exc:
            reason = _reason(exc, args.lang)
            raise CliError("cli.bad_option", value=args.events, reason=reason) from None
    elif args.dataset:
        source = _workspace(args).source(args.dataset)
    else:
        raise CliError("cli.needs_dataset")
    missing = declared.missing_table(source)
    if missing is not None:
        raise CliError("cli.needs_table", table=missing, dataset=args.dataset)
    start, end = _date(args.start), _date(args.end)
    if start is None or end is None:
        d_start, d_end = metrics.default_period(source)
        start, end = start or d_start, end or d_end
    if start is None or end is None:
        raise CliError("cli.no_period")
    if start > end:
        raise CliError("cli.start_after_end", start=start, end=end)
    try:
        frame = declared(source, start, end, **options)
    except metrics.NeedsTable as exc:
        raise CliError("cli.needs_table", table=exc.table, dataset=args.dataset) from None
    except (TypeError, ValueError) as exc:
        reason = _reason(exc, args.lang)
        raise CliError("cli.bad_option", value=" ".join(args.set), reason=reason) from None
    if args.out:
        _write_download(frame, Path(args.out))
        print(t("cli.written", args.lang, path=args.out, rows=len(frame)), file=sys.stderr)
        return 0
    write_frame(frame, args.format)
    return 0


def _write_download(frame, out: Path) -> None:
    """The file a page's download button gives: CSV with a BOM or XLSX, formulas neutralised."""
    from siyu import exports

    suffix = out.suffix.lower()
    if suffix == ".csv":
        data = exports.to_csv_bytes(frame)
    elif suffix == ".xlsx":
        data = exports.to_xlsx_bytes(frame)
    else:
        raise CliError("cli.bad_out", path=str(out))
    tmp = out.with_name(f".{out.name}.part")
    tmp.write_bytes(data)
    tmp.replace(out)


def cmd_sql(args: argparse.Namespace) -> int:
    """One read-only query in the explorer's sandbox (masking and limits), printed as CSV."""
    from siyu import explorer

    query = sys.stdin.read() if args.query == "-" else args.query
    source = _workspace(args).source(args.dataset)
    try:
        result = explorer.run(source, query)
    except explorer.QueryError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        if exc.detail:
            print(exc.detail, file=sys.stderr)
        return 1
    for level, note in explorer.result_notes(result, args.lang):
        if level == "warning":  # the rows and time are not worth a line on stderr
            print(note, file=sys.stderr)
    write_frame(result.frame, args.format)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from siyu import report

    source = _workspace(args).source(args.dataset)
    if not source.has("orders"):
        raise CliError("cli.needs_table", table="orders", dataset=args.dataset)
    week = _date(args.week) or report.default_week(source)
    start, end = report.period(source, week)  # cut at the last day of data
    text = report.build(source, week, args.lang, dataset=args.dataset)
    out = Path(args.out)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(t("cli.report_written", args.lang, path=out, start=start, end=end))
    return 0


def cmd_passcode(args: argparse.Namespace) -> int:
    """Print the salted hash of a passcode (asked twice on a terminal, or read from stdin)."""
    import getpass

    from siyu.access import hash_passcode

    if args.stdin:
        code = sys.stdin.readline().rstrip("\n")
    else:
        code = getpass.getpass(t("cli.passcode_prompt", args.lang))
        if getpass.getpass(t("cli.passcode_again", args.lang)) != code:
            raise CliError("cli.passcode_mismatch")
    if len(code) < 8:
        raise CliError("cli.passcode_short")
    print(hash_passcode(code))
    return 0


def cmd_space(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    ws.get(args.dataset)  # a clear error when it does not exist
    ws.set_meta(args.dataset, space=args.space)
    print(t("cli.space_set", args.lang, dataset=args.dataset, space=args.space))
    return 0


# ---- parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--workspace",
        default=argparse.SUPPRESS,
        help="workspace folder (default: $SIYU_WORKSPACE or data/workspace)",
    )
    common.add_argument(
        "--lang", default=argparse.SUPPRESS, choices=list(LANGUAGES), help="message language"
    )
    parser = argparse.ArgumentParser(
        prog="python -m siyu", description="Siyu (私域) command line", parents=[common]
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "sample",
        parents=[common],
        help="write the demo CSVs, or (youzan-items OUT.csv) the demo's orders as a 有赞 "
        "item-level export",
    )
    p.add_argument("what", nargs="?", choices=["demo", "youzan-items"], default="demo")
    p.add_argument("path", nargs="?", help="folder (demo) or file (youzan-items) to write")
    p.add_argument("--members", type=int, default=5000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", default="data/demo")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("demo", parents=[common], help="import the demo dataset if none exists")
    p.add_argument("--force", action="store_true", help="import it even if datasets exist")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("import", parents=[common], help="import files into a dataset")
    p.add_argument("files", nargs="+")
    p.add_argument("--dataset", required=True)
    p.add_argument("--table", choices=list(TABLE_KINDS))
    p.add_argument("--replace", action="store_true")
    p.add_argument("--append", action="store_true")
    p.add_argument("--encoding")
    p.add_argument("--sheet")
    p.add_argument(
        "--stat-date",
        metavar="YYYY-MM-DD",
        help="the date of group statistics whose rows carry none (今日入群 …)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=COLUMN",
        help="map a header of the file to a column, over the detected mapping (repeat it; "
        "=COLUMN leaves a column unmapped), e.g. --map 实付金额=amount --map 单价=unit_price; "
        "orders also take the line columns sku, unit_price, line_amount",
    )
    p.add_argument(
        "--lines",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="orders: one row per item, combined into one order per order id (the rows are "
        "kept as order lines); members: one row per person and staff member (default: detected)",
    )
    p.add_argument(
        "--amount-rule",
        choices=["first", "sum", "unit_price"],
        help="with --lines, what the amount column holds: the order total on its first row, "
        "each line's amount, or a unit price (default: detected)",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("datasets", parents=[common], help="list datasets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_datasets)

    p = sub.add_parser("history", parents=[common], help="import history of a dataset")
    p.add_argument("--dataset", required=True)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("restore", parents=[common], help="make an earlier version current")
    p.add_argument("--dataset", required=True)
    p.add_argument("--version", type=int, required=True)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("delete", parents=[common], help="delete a dataset")
    p.add_argument("--dataset", required=True)
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser(
        "passcode", parents=[common], help="hash a team passcode for .streamlit/secrets.toml"
    )
    p.add_argument("--stdin", action="store_true", help="read the passcode from standard input")
    p.set_defaults(func=cmd_passcode)

    p = sub.add_parser("space", parents=[common], help="move a dataset to a team space")
    p.add_argument("--dataset", required=True)
    p.add_argument("--space", required=True)
    p.set_defaults(func=cmd_space)

    p = sub.add_parser("report", parents=[common], help="write the weekly review as HTML")
    p.add_argument("--dataset", required=True)
    p.add_argument("--week", help="any day of the week (default: the last week with data)")
    p.add_argument("--out", required=True, help="the HTML file to write")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "metric",
        parents=[common],
        help="print a metric as CSV or JSON",
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("-h", "--help", action=_MetricHelp, help="show every metric and its options")
    p.add_argument("name", help="the metric (see the list below)")
    p.add_argument("--dataset", help="the dataset (required unless --events is given)")
    p.add_argument("--events", help="an event log CSV (user_id,event,at) for event-funnel")
    p.add_argument("--start")
    p.add_argument("--end")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an option of the metric, read as its declared type (repeat it)",
    )
    p.add_argument(
        "--out",
        metavar="FILE.csv|FILE.xlsx",
        help="write the file a page downloads (BOM, formulas neutralised) instead of printing",
    )
    p.set_defaults(func=cmd_metric)

    p = sub.add_parser(
        "sql", parents=[common], help="run one read-only query as the SQL explorer does"
    )
    p.add_argument("query", help="the SQL (- reads it from standard input)")
    p.add_argument("--dataset", required=True)
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(func=cmd_sql)

    from siyu.alerts import add_cli as add_alerts_cli  # alerts add|list|remove|run|history|test

    add_alerts_cli(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.workspace = getattr(args, "workspace", None)
    args.lang = getattr(args, "lang", None) or os.environ.get("SIYU_LANG") or DEFAULT_LANGUAGE
    if args.lang not in LANGUAGES:
        args.lang = DEFAULT_LANGUAGE
    from siyu.ingest import ImportRefused
    from siyu.workspace import WorkspaceError

    try:
        return args.func(args)
    except CliError as exc:
        print(t(exc.key, args.lang, **exc.params), file=sys.stderr)
    except (ImportRefused, WorkspaceError) as exc:
        print(exc.message(args.lang), file=sys.stderr)
    except KeyboardInterrupt:
        print(t("cli.interrupted", args.lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the user never sees a traceback
        if os.environ.get("SIYU_DEBUG"):
            raise
        print(t("cli.internal", args.lang, error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
    return 2
