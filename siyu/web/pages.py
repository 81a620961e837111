"""The page table: every page of the app once, in sidebar order.

The frame draws the navigation from it, titles each page from it, and the tests, the
benchmarks and the README check walk it. A page file opens with `frame.open(<name>)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

_ROOT = Path(__file__).resolve().parents[2]


class Page(NamedTuple):
    name: str  # what the page file passes to `frame.open`
    path: str  # the file Streamlit runs, from the project folder
    title: str  # translation key of its title and navigation label
    icon: str
    # editors only: the translation key of what a viewer reads instead (None: everyone)
    editors_only: str | None = None


_ALL: tuple[Page, ...] = (
    Page("overview", "app.py", "nav.overview", ":material/dashboard:"),
    Page("funnels", "pages/funnels.py", "nav.funnels", ":material/filter_alt:"),
    Page("retention", "pages/retention.py", "nav.retention", ":material/grid_on:"),
    Page("leaderboards", "pages/leaderboards.py", "nav.leaderboards", ":material/leaderboard:"),
    Page("staff", "pages/staff.py", "nav.staff", ":material/support_agent:"),
    Page("members", "pages/members.py", "nav.members", ":material/workspace_premium:"),
    Page("buyers", "pages/buyers.py", "nav.buyers", ":material/group_add:"),
    Page("value", "pages/value.py", "nav.value", ":material/savings:"),
    Page("groups", "pages/groups.py", "nav.groups", ":material/groups:"),
    Page("whatif", "pages/whatif.py", "nav.whatif", ":material/tune:"),
    Page("data", "pages/data.py", "nav.data", ":material/upload_file:"),
    Page("sql", "pages/sql.py", "nav.sql", ":material/terminal:", "explorer.editors_only"),
    Page(
        "alerts",
        "pages/alerts.py",
        "nav.alerts",
        ":material/notifications:",
        "alerts.page.editors_only",
    ),
)
# TODO(lead): while pages are being built in parallel, list only those that exist.
PAGES: tuple[Page, ...] = tuple(p for p in _ALL if (_ROOT / p.path).exists())
DATA_PAGE = "pages/data.py"


def page(name: str) -> Page:
    """The page called `name`; KeyError for a name the table lacks."""
    for p in PAGES:
        if p.name == name:
            return p
    raise KeyError(f"no page {name!r} in siyu.web.pages.PAGES")
