"""Streaming the rows of a file into a UTF-8 CSV of the cells an import needs.

Only the cells of the mapped columns are written, with the line number, so memory stays flat.
Personal data is settled here, before anything reaches the disk (the CSV lives in the
workspace's staging folder, and a killed import may leave it behind):

- a phone column is masked (138****1234);
- a phone that identifies a person is replaced by its keyed hash; a masked phone there
  rejects the row;
- a mobile number met in any other person column (an id, a nickname, tags …) is hashed (ids)
  or masked (text); a row is searched once, and only a row holding one is rewritten;
- the text of a malformed line, kept to show the user, is masked the same way.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from siyu.ingest.errors import ImportRefused, Limits
from siyu.ingest.reading import MAX_FIELD_CHARS, Opened
from siyu.privacy import MOBILE, scrub_phones

# What makes a row worth a second look: a mobile number, or a star (a masked phone).
_SCAN = re.compile(MOBILE.pattern + r"|[*＊]")


@dataclass(frozen=True)
class Input:
    """One staged cell: a canonical column, a helper value, or a constant."""

    name: str  # canonical column (order_id …) or helper (refund_status, refunded_amount)
    header: str | None  # the file's header; None for a constant
    index: int | None  # position in the row; None for a constant
    parser: str  # a kind of `values.PARSERS`
    required: bool = False  # empty rejects the line
    helper: bool = False  # read to derive other values; never rejects a line
    non_negative: bool = True


class RowProblem(Exception):
    """A cell that rejects its row while staging (a masked phone used as an id …)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


Rewrite = Callable[[str], str]


def stage_rows(
    opened: Opened,
    header_row: int,
    headers: list[str],
    inputs: list[Input],
    rewrites: list[tuple[int, Rewrite]],
    scrubbers: list[tuple[int, Rewrite]],
    path: Path,
    limits: Limits,
) -> int:
    """Write the data rows (the inputs' cells, as text) to a UTF-8 CSV; return the row count.

    `rewrites` change a cell of every row (position among the inputs → function);
    `scrubbers` change a cell only in rows where a mobile number or a star appears in one of
    their cells (one search per row: most rows have neither).
    """
    width = len(headers)
    header_line = opened.sample[header_row][0]
    check_width = opened.fmt == "text"
    indexes = [i.index if i.index is not None else 0 for i in inputs]
    need = max((i.index for i in inputs if i.index is not None), default=-1) + 1
    pick = itemgetter(*indexes)
    single = len(indexes) == 1
    empty = ("",) * len(indexes)
    delimiter = opened.delimiter or ","
    scan = [p for p, _ in scrubbers]
    scan_cells = itemgetter(*scan) if scan else None
    search = _SCAN.search
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")  # so cells with \r or \n get quoted
        write = out.writerow
        records = opened.records()
        try:
            for line, cells, problem in records:
                if line <= header_line:
                    continue
                if problem is None:
                    if not cells or not any(cells):
                        continue
                    n = len(cells)
                    if n != width and check_width:
                        if n > width:
                            if any(cells[width:]):
                                problem = (
                                    "ingest.reason.too_many_fields",
                                    {"found": n, "expected": width},
                                )
                        else:
                            problem = (
                                "ingest.reason.too_few_fields",
                                {"found": n, "expected": width},
                            )
                    if problem is None and max(map(len, cells)) > MAX_FIELD_CHARS:
                        problem = (
                            "ingest.reason.field_too_long",
                            {"max_kb": MAX_FIELD_CHARS // 1024},
                        )
                rows += 1
                if rows > limits.max_rows:
                    raise ImportRefused(
                        "ingest.refused.too_many_rows", max_rows=f"{limits.max_rows:,}"
                    )
                if problem is None:
                    if n < need:
                        cells = cells + [""] * (need - n)
                    picked = pick(cells)
                    if single:
                        picked = (picked,)
                    hit = False
                    if scan_cells is not None:
                        seen = scan_cells(picked)
                        hit = search(seen if len(scan) == 1 else "\x1f".join(seen)) is not None
                    if not rewrites and not hit:
                        write((line, "", "", "", *picked))
                        continue
                    picked = list(picked)
                    try:
                        for pos, fn in rewrites:
                            picked[pos] = fn(picked[pos])
                        if hit:
                            for pos, fn in scrubbers:
                                picked[pos] = fn(picked[pos])
                    except RowProblem as exc:
                        problem = (exc.key, exc.params)
                    else:
                        write((line, "", "", "", *picked))
                        continue
                key, params = problem
                snippet = scrub_phones(delimiter.join(cells))[:200] if cells else ""
                write((line, key, json.dumps(params, ensure_ascii=False), snippet, *empty))
        finally:
            close = getattr(records, "close", None)
            if close:
                close()
    return rows
