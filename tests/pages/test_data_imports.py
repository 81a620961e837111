"""The Data page imports every platform sample, and the UCI file, with the preset shown."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from siyu.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
DATA = ROOT / "tests" / "data"
_spec = importlib.util.spec_from_file_location("make_samples_page", DATA / "make_samples.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)
UCI = Path("/work/shared/public-data/online_retail_uci.csv.gz")


def data_page(monkeypatch, ws) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = LANGUAGES["en"]
    at.run()
    at.switch_page("pages/data.py").run()
    return at


def upload_and_check(at: AppTest, name: str, data: bytes, dataset: str) -> dict[str, str]:
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    for d in at.date_input:  # statistics without a date ask for one
        d.set_value(dt.date(2024, 4, 20)).run()
    at.text_input(key="new_name").set_value(dataset).run()
    at.button(key="check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("name", sorted(samples.EXPECTED))
def test_each_platform_sample_imports_through_the_data_page(monkeypatch, empty_ws, name):
    exp = samples.EXPECTED[name]
    at = data_page(monkeypatch, empty_ws)
    metrics = upload_and_check(at, name, (DATA / name).read_bytes(), "shop")
    source = next(c.value for c in at.caption if "Source:" in c.value)
    assert any(s in source for s in ("Youzan", "Kuaituantuan", "Qunjielong", "WeCom", "Weimob"))
    table = {
        "orders": "Orders",
        "members": "Members",
        "groups": "Groups",
        "group_daily": "Group daily stats",
    }[exp["kind"]]
    assert metrics[f"{name} · {table} · Rows accepted"] == str(exp["rows"])
    if "also" in exp:
        assert metrics[f"{name} · Group daily stats · Rows accepted"] == str(exp["rows"])
    at.button(key="save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("shop" in s.value for s in at.success)
    ds = empty_ws.get("shop")
    assert ds.head.tables[exp["kind"]].rows == exp["rows"]
    # who a person is, when not an id column, is stated in the sidebar of every page
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    if exp.get("identity") in ("phone", "nickname"):
        who = ds.meta["identity_by_table"][exp["kind"]]
        assert who["mode"] == exp["identity"]
        assert f"People identified by: {who['column']}" in sidebar
    else:
        assert "People identified by" not in sidebar


def test_a_gb18030_youzan_export_states_who_a_person_is_and_masks_the_preview(
    monkeypatch, empty_ws
):
    at = data_page(monkeypatch, empty_ws)
    data = (DATA / "youzan_orders.csv").read_bytes()
    at.file_uploader[0].set_value(("youzan_orders.csv", data, "text/csv")).run()
    captions = [c.value for c in at.caption]
    assert any("encoding gb18030, header on row 2" in c and "Youzan order export" in c
               for c in captions)  # fmt: skip
    assert any("People are identified by: 买家手机号 (phone, keyed hash" in c for c in captions)
    preview = at.dataframe[0].value
    cells = preview.astype(str).to_numpy().ravel().tolist()
    assert "138****5678" in cells and "13812345678" not in cells
    # the mapping stays editable: the nickname as the person instead
    user = next(s for s in at.selectbox if s.key and s.key.endswith("-orders-user_id"))
    user.set_value("买家昵称").run()
    assert any("买家昵称 (nickname" in c.value for c in at.caption)


def test_masked_phones_chosen_as_the_person_are_refused_with_the_reason(monkeypatch, empty_ws):
    at = data_page(monkeypatch, empty_ws)
    data = (DATA / "youzan_items.csv").read_bytes()
    at.file_uploader[0].set_value(("youzan_items.csv", data, "text/csv")).run()
    assert any("186******05" in i.value for i in at.info)  # why the phone is not the id
    user = next(s for s in at.selectbox if s.key and s.key.endswith("-orders-user_id"))
    assert user.value == "买家昵称"
    user.set_value("买家手机号").run()
    assert any("cannot identify a person" in e.value for e in at.error)


@pytest.mark.skipif(not UCI.exists(), reason="public data not present")
def test_the_uci_file_imports_through_the_data_page(monkeypatch, empty_ws):
    at = data_page(monkeypatch, empty_ws)
    metrics = upload_and_check(at, UCI.name, UCI.read_bytes(), "uci")
    assert metrics[f"{UCI.name} · Orders · Rows accepted"] == "22,190"
    assert metrics["Rows rejected"] == "135,080"
    assert any("406,829 rows combined into 22,190" in c.value for c in at.caption)
    assert len(at.dataframe) >= 2  # the preview and the first rejected rows
