"""The SQL explorer page: editors query the current dataset, viewers are turned away."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from siyu import explorer
from siyu.i18n import t
from tests.pages.test_pages import APP, open_app

PAGE = "pages/sql.py"

SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-secret",
        "google": {
            "client_id": "id",
            "client_secret": "secret",
            "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
        },
    },
    "access": {
        "users": {
            "ana@shop.cn": {"role": "editor", "spaces": ["*"]},
            "boss@shop.cn": {"role": "viewer", "spaces": ["*"]},
        }
    },
}


def signed_in(monkeypatch, ws, email: str) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    at.switch_page(PAGE)
    at.run()
    return at


def run_sql(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="explorer_sql").input(sql).run()
    at.button(key="explorer-run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_lists_the_tables_and_loads_an_example(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("nav.sql", "zh-Hans")
    labels = [e.label for e in at.expander]
    assert len(labels) == 7 and labels[0].startswith("`orders`")
    assert labels[-1].endswith(t("explorer.schema.missing", "zh-Hans"))  # demo: no order_items
    assert at.text_area(key="explorer_sql").value in (None, "")
    assert not at.get("download_button")  # nothing ran yet

    at.button(key="explorer-example-gmv_by_day").click().run()
    assert at.text_area(key="explorer_sql").value == explorer.EXAMPLES["gmv_by_day"]


def test_running_the_gmv_example_shows_the_result_and_downloads(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.button(key="explorer-example-gmv_by_day").click().run()
    at.button(key="explorer-run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    expected = explorer.run(demo_ws.source("demo"), explorer.EXAMPLES["gmv_by_day"]).frame
    shown = at.dataframe[-1].value
    assert len(shown) == len(expected) > 30
    assert shown["gmv"].sum() == pytest.approx(expected["gmv"].sum())
    assert len(at.get("download_button")) == 2
    assert not at.error

    # another query replaces the result
    run_sql(at, "select count(*) as n from orders")
    assert at.dataframe[-1].value["n"].tolist() == [demo_ws.get("demo").head.tables["orders"].rows]


@pytest.mark.parametrize(
    ("sql", "key", "params"),
    [
        ("select * from read_csv('/etc/passwd')", "explorer.refused.files", {}),
        ("COPY orders TO '/tmp/siyu-explorer-x.csv'", "explorer.refused.copy", {"kind": "COPY"}),
        ("ATTACH '/tmp/siyu-explorer-x.db'", "explorer.refused.attach", {"kind": "ATTACH"}),
        ("SET threads = 1", "explorer.refused.settings", {"kind": "SET"}),
        ("INSTALL httpfs", "explorer.refused.extensions", {}),
        ("select 1; drop view orders", "explorer.refused.multiple", {"count": 2}),
    ],
)
def test_escape_attempts_show_a_clear_message(monkeypatch, demo_ws, sql, key, params):
    at = open_app(monkeypatch, demo_ws, PAGE)
    run_sql(at, sql)
    assert at.error[0].value == t(key, "zh-Hans", **params)
    assert not at.get("download_button")


def test_errors_follow_the_language(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE, lang="en")
    run_sql(at, "select nope from orders")
    assert at.error[0].value == t("explorer.error.names", "en")
    assert "nope" in at.code[0].value  # DuckDB's own pointer to the mistake
    at.sidebar.selectbox(key="lang").set_value("zh-Hant").run()
    assert at.error[0].value == t("explorer.error.names", "zh-Hant")


def test_a_cut_result_says_so(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    run_sql(at, f"select * from range({explorer.ROW_LIMIT + 5})")
    assert len(at.dataframe[-1].value) == explorer.ROW_LIMIT
    assert at.warning[-1].value == t(
        "explorer.truncated", "zh-Hans", rows=f"{explorer.ROW_LIMIT:,}"
    )


def test_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_app(monkeypatch, empty_ws, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.info[0].value == t("frame.no_dataset", "zh-Hans")
    assert not at.text_area


def test_viewer_is_turned_away_and_editor_gets_the_page(monkeypatch, demo_ws):
    viewer = signed_in(monkeypatch, demo_ws, "boss@shop.cn")
    assert not viewer.exception, [e.value for e in viewer.exception]
    assert viewer.info[0].value == t("explorer.editors_only", "zh-Hans")
    assert [w for w in viewer.text_area if w.key == "explorer_sql"] == []

    editor = signed_in(monkeypatch, demo_ws, "ana@shop.cn")
    assert not editor.exception, [e.value for e in editor.exception]
    run_sql(editor, "select count(*) as n from members")
    members = demo_ws.get("demo").head.tables["members"].rows
    assert editor.dataframe[-1].value["n"].tolist() == [members]
