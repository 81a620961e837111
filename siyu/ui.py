"""Moved to `siyu.web` (issue 20): this module only re-exports it for pages not yet moved.

frame and navigation: `siyu.web.frame` (the page table: `siyu.web.pages`); sign-in:
`siyu.web.signin`; links: `siyu.web.address`; caches: `siyu.web.cache`; widgets:
`siyu.web.widgets`; tables and downloads: `siyu.web.tables`; the Data page's import flow:
`siyu.web.importflow`.
"""

# TODO(issue 20): remove once no page imports it.
# ruff: noqa: F401

from siyu.web.address import BOUND_BY_CODE, SHARED_KEYS, choice, share_link
from siyu.web.cache import (
    LIST_ROWS,
    dataset_fact,
    metric,
    metric_preview,
    weekly_report,
)
from siyu.web.frame import Context, dataset_label, frame, no_dataset, open_page
from siyu.web.importflow import (
    current_stage,
    flash,
    history_frame,
    identity_line,
    local_time,
    preview,
    preview_frame,
    rejected_rows,
    remembered_plan,
    request_signature,
    save_stage,
    stage_files,
    tables_frame,
)
from siyu.web.pages import PAGES
from siyu.web.signin import access_config, gate
from siyu.web.tables import (
    MISSING,
    column_kinds,
    download_buttons,
    download_table,
    number_columns,
    preview_note,
    shown_numbers,
    table,
    table_with_downloads,
    text_widths,
)
from siyu.web.widgets import (
    card,
    card_grid,
    file_uploader,
    kpi_card,
    period,
    period_filter,
    pick,
    uploader_style,
)
