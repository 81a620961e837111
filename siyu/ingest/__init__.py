"""Import: an exported file → validated canonical rows in Parquet (SPEC §3).

`preview` reads the head of a file and proposes how to read it (encoding, delimiter, sheet,
header row, source platform, table kind, column mapping, who identifies a person); `convert`
streams the whole file with the user's choices into a Parquet file of accepted rows and one
of rejected rows, each rejected row with its line number and a reason key of
`siyu/text/ingest.py`.

How a file flows, and why it streams:
1. `reading` decodes the file in Python (DuckDB cannot decode GBK/Big5 here), splits records
   with the C `csv` module (or reads an XLSX sheet with openpyxl's read-only mode) and catches
   structural problems per row (ragged rows, absurd lines, unclosed quotes, undecodable text).
2. `presets` recognises the platform from the header signature (有赞, 快团团, 群接龙, WeCom,
   UCI Online Retail …) and proposes a mapping and `Options`; `identity` settles who a person
   is (an id, else the phone hashed, else the nickname).
3. `staging` writes only the needed cells, as text, to a temporary UTF-8 CSV with the source
   line number, so memory stays flat whatever the file size; phones are masked or hashed
   there, before anything touches the disk.
4. DuckDB reads that CSV (`all text`) and parses and validates every value in SQL (`values`,
   `sqlgen`): one row per line, or line items collapsed to orders / rows per staff member to
   members; then both Parquet files are written.

Steps 1 and 3 are the Python path, for any file. A text file without surprises takes the fast
path (`fastpath`) instead: DuckDB's own CSV reader produces the cells, phones are settled in
the same SQL projection, and the result is exactly the Python path's (when anything could
make it differ, the fast path steps aside before writing anything, and steps 1 and 3 run).

Every failure of a whole file is an `ImportRefused` with a message key: nothing else escapes
the public functions, so a user never meets a traceback.

This module only names the public parts; the pipeline itself is `siyu.ingest.pipeline`.
"""

from siyu.ingest.aliases import ALIASES, guess_kind, normalise_header, propose_mapping
from siyu.ingest.errors import ImportRefused, Limits, limits_text
from siyu.ingest.identity import Identity
from siyu.ingest.pipeline import (
    Converted,
    Preview,
    convert,
    header_signature,
    identity_of,
    preview,
    reason_text,
    rejected_frame,
)
from siyu.ingest.presets import (
    AMOUNT_RULES,
    LINE_NAMES,
    PLATFORM_NAMES,
    Options,
    Plan,
    missing_columns,
    needs_stat_date,
    resolve_lines,
)

__all__ = [
    "ALIASES",
    "AMOUNT_RULES",
    "LINE_NAMES",
    "PLATFORM_NAMES",
    "Converted",
    "Identity",
    "ImportRefused",
    "Limits",
    "Options",
    "Plan",
    "Preview",
    "convert",
    "guess_kind",
    "header_signature",
    "identity_of",
    "limits_text",
    "missing_columns",
    "needs_stat_date",
    "normalise_header",
    "preview",
    "propose_mapping",
    "reason_text",
    "rejected_frame",
    "resolve_lines",
]
